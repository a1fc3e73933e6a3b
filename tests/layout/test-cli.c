/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the built `tupu` binary's --export and --validate, run with no display, and every
 * exit code. The binary is $TUPU_BUILD_DIR/src/tupu. */

#include <string.h>

#include <cgraph.h>
#include <glib/gstdio.h>

#include "tupu-cli.h"
#include "tupu-graph.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs tupu with the NULL-terminated arguments, without a display, and waits for it. */
static void
run_tupu (Run *run, const char *first, ...)
{
  const char *build_dir = g_getenv ("TUPU_BUILD_DIR");
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  va_list args;

  g_assert_nonnull (build_dir);
  g_ptr_array_add (argv, g_build_filename (build_dir, "src", "tupu", NULL));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
  g_test_message ("tupu exited %d; stderr: %s", run->status, run->err);
}

static char *
fixture (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, name, NULL);
}

static char *
builtin_json (void)
{
  return g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "data", "graphs", "speech.json", NULL);
}

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  fx->dir = g_dir_make_tmp ("tupu-cli-XXXXXX", NULL);
  g_assert_nonnull (fx->dir);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  g_autoptr (GDir) d = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static char *
out_path (Fixture *fx, const char *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

static guint
count_entries (Fixture *fx)
{
  g_autoptr (GDir) d = g_dir_open (fx->dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* ------------------------------------------------------------------------------------------ */
/* SVG read back: node ids and titles                                                          */

static void
svg_start (GMarkupParseContext *context, const char *element, const char **names,
           const char **values, gpointer user_data, GError **error)
{
  GHashTable *ids = user_data;

  if (g_str_equal (element, "g"))
    for (guint i = 0; names[i]; i++)
      if (g_str_equal (names[i], "id"))
        g_hash_table_add (ids, g_strdup (values[i]));
}

static void
svg_text (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data,
          GError **error)
{
  GHashTable *ids = user_data;

  if (g_str_equal (g_markup_parse_context_get_element (context), "title"))
    g_hash_table_add (ids, g_strndup (text, len));
}

/* Parses @path as XML (failing on malformed XML) and returns the set of <g> ids and titles. */
static GHashTable *
read_svg (const char *path)
{
  static const GMarkupParser parser = { svg_start, NULL, svg_text, NULL, NULL };
  GHashTable                *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, ids, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_markup_parse_context_parse (context, contents, len, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  return ids;
}

static TupuGraph *
load (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  TupuGraph *graph = tupu_graph_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return graph;
}

static void
assert_svg_shows (const char *svg, TupuGraph *graph, int root)
{
  g_autoptr (GHashTable) found = read_svg (svg);

  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode  *node = tupu_graph_get_node (graph, i);
      g_autofree char *title = g_strdup_printf ("%s / %s", node->label_zh, node->label_en);
      gboolean         want = root < 0 || tupu_graph_is_descendant (graph, i, root);

      g_assert_cmpint (g_hash_table_contains (found, node->id), ==, want);
      g_assert_cmpint (g_hash_table_contains (found, title), ==, want);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* --export                                                                                    */

static void
test_export_svg (Fixture *fx, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, "graph.svg");
  g_autofree char *json = builtin_json ();
  g_autoptr (TupuGraph) graph = load (json);

  /* Without FILE: the built-in graph. */
  run_tupu (&run, "--export", out, NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  assert_svg_shows (out, graph, -1);
}

static void
test_export_escapes (Fixture *fx, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, "escapes.svg");
  g_autofree char *json = fixture ("escapes.json");
  g_autoptr (TupuGraph) graph = load (json);

  run_tupu (&run, "--export", out, "--engine", "neato", json, NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  assert_svg_shows (out, graph, -1);
}

static void
test_export_root (Fixture *fx, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, "part.svg");
  g_autofree char *json = fixture ("escapes.json");
  g_autoptr (TupuGraph) graph = load (json);

  run_tupu (&run, "--export", out, "--root", "quotes", json, NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  assert_svg_shows (out, graph, tupu_graph_lookup (graph, "quotes"));
}

static void
test_export_png (Fixture *fx, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, "graph.png");
  g_autofree char *contents = NULL;
  gsize            len;
  guint32          width, height;

  run_tupu (&run, "--export", out, NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  g_assert_true (g_file_get_contents (out, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 33);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  memcpy (&width, contents + 16, 4);
  memcpy (&height, contents + 20, 4);
  width = GUINT32_FROM_BE (width);
  height = GUINT32_FROM_BE (height);
  g_test_message ("PNG %u × %u", width, height);
  /* Sane: big enough to read, within the export's pixel cap. */
  g_assert_cmpuint (width, >=, 200);
  g_assert_cmpuint (height, >=, 100);
  g_assert_cmpuint (width, <=, 16384);
  g_assert_cmpuint (height, <=, 16384);
}

static void
test_export_pdf (Fixture *fx, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, "graph.pdf");
  g_autofree char *contents = NULL;

  run_tupu (&run, "--export", out, "--engine", "twopi", NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static void
test_export_dot (Fixture *fx, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, "graph.dot");
  g_autofree char *json = fixture ("escapes.json");
  g_autoptr (TupuGraph) graph = load (json);
  g_autofree char *contents = NULL;
  Agraph_t        *g;

  run_tupu (&run, "--export", out, json, NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g = agmemread (contents);
  g_assert_nonnull (g);
  g_assert_cmpint (agnnodes (g), ==, tupu_graph_get_n_nodes (graph));
  g_assert_cmpint (agnedges (g), ==, tupu_graph_get_n_edges (graph));
  for (guint i = 0; i < tupu_graph_get_n_nodes (graph); i++)
    {
      const TupuNode  *node = tupu_graph_get_node (graph, i);
      Agnode_t        *n = agnode (g, node->id, FALSE);
      g_autofree char *want = NULL;
      g_auto (GStrv) parts = NULL;

      g_assert_nonnull (n);
      /* Literal backslashes arrive doubled (test-export checks the exact round trip). */
      parts = g_strsplit (node->label_zh, "\\", -1);
      want = g_strjoinv ("\\\\", parts);
      g_assert_cmpstr (agget (n, (char *)"label"), ==, want);
    }
  agclose (g);
}

/* --direction tb draws the root on top, and the DOT export keeps that meaning: rankdir=BT (its
 * part-of edges run child → parent), where the default left-to-right export says RL. */
static void
test_export_direction (Fixture *fx, gconstpointer data)
{
  const char      *directions[][2] = { { NULL, "RL" }, { "lr", "RL" }, { "tb", "BT" } };
  g_autofree char *json = fixture ("escapes.json");

  for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
    {
      g_auto (Run) run = { 0 };
      g_autofree char *out = out_path (fx, "graph.dot");
      g_autofree char *contents = NULL;
      Agraph_t        *g;

      if (directions[i][0] != NULL)
        run_tupu (&run, "--export", out, "--direction", directions[i][0], json, NULL);
      else
        run_tupu (&run, "--export", out, json, NULL);
      g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
      g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
      g = agmemread (contents);
      g_assert_nonnull (g);
      g_assert_cmpstr (agget (g, (char *)"rankdir"), ==, directions[i][1]);
      agclose (g);
      g_unlink (out);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* --export - (standard output) and --format                                                   */

/* Runs tupu through a shell command line (tupu's path replaces "TUPU"), without a display;
 * returns its exit status and its whole standard output, binary-safe. */
static int
run_shell (const char *command_line, GBytes **out, char **err)
{
  const char      *build_dir = g_getenv ("TUPU_BUILD_DIR");
  g_autofree char *tupu = g_build_filename (build_dir, "src", "tupu", NULL);
  g_autofree char *quoted = g_shell_quote (tupu);
  g_autoptr (GString) command = g_string_new (command_line);
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GBytes) err_bytes = NULL;
  g_autoptr (GError) error = NULL;
  gconstpointer err_data;
  gsize         err_len = 0;

  g_string_replace (command, "TUPU", quoted, 0);
  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c", command->str, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (process, NULL, NULL, out, &err_bytes, &error));
  g_assert_no_error (error);
  /* No output comes back as empty bytes with no data. */
  err_data = g_bytes_get_data (err_bytes, &err_len);
  *err = g_strndup (err_len > 0 ? err_data : "", err_len);
  g_test_message ("%s: exit %d, %zu bytes out; stderr: %s", command_line,
                  g_subprocess_get_exit_status (process), g_bytes_get_size (*out), *err);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
write_bytes (const char *path, GBytes *bytes)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
}

/* Every format to standard output: the same bytes as the file export (PDF carries its creation
 * time, so only its frame is compared), readable as what it claims to be. */
static void
test_stdout_formats (Fixture *fx, gconstpointer data)
{
  const char      *formats[] = { "svg", "png", "pdf", "dot" };
  g_autofree char *json = fixture ("escapes.json");
  g_autoptr (TupuGraph) graph = load (json);
  g_autofree char *quoted_json = g_shell_quote (json);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("file.%s", formats[i]);
      g_autofree char *file = out_path (fx, name);
      g_autofree char *piped = out_path (fx, "piped");
      g_autofree char *command = NULL;
      g_autofree char *err = NULL;
      g_autoptr (GBytes) out = NULL;
      g_autoptr (GBytes) from_file = NULL;
      g_auto (Run) run = { 0 };
      gsize         size;
      const guint8 *bytes;

      command = g_strdup_printf ("TUPU --export - --format %s %s", formats[i], quoted_json);
      g_assert_cmpint (run_shell (command, &out, &err), ==, TUPU_EXIT_OK);
      g_assert_cmpstr (err, ==, "");
      run_tupu (&run, "--export", file, json, NULL);
      g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
      from_file = read_bytes (file);
      bytes = g_bytes_get_data (out, &size);
      g_assert_cmpuint (size, >, 100);

      if (g_str_equal (formats[i], "pdf"))
        {
          g_assert_cmpmem (bytes, 5, "%PDF-", 5);
          g_assert_nonnull (g_strstr_len ((const char *)bytes + size - 8, 8, "%%EOF"));
        }
      else
        g_assert_true (g_bytes_equal (out, from_file));

      write_bytes (piped, out);
      if (g_str_equal (formats[i], "svg"))
        assert_svg_shows (piped, graph, -1);
      else if (g_str_equal (formats[i], "png"))
        g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
      else if (g_str_equal (formats[i], "dot"))
        {
          g_autofree char *text = g_strndup ((const char *)bytes, size);
          Agraph_t        *g = agmemread (text);

          g_assert_nonnull (g);
          g_assert_cmpint (agnnodes (g), ==, tupu_graph_get_n_nodes (graph));
          agclose (g);
        }
      g_unlink (piped);
      g_unlink (file);
    }
}

/* In a pipeline, from the built-in graph: the reader gets the whole PNG. */
static void
test_stdout_pipe (Fixture *fx, gconstpointer data)
{
  g_autofree char *path = out_path (fx, "piped.png");
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *command = g_strdup_printf ("TUPU --export - --format PNG | cat > %s", quoted);
  g_autofree char *err = NULL;
  g_autoptr (GBytes) out = NULL;
  g_autoptr (GBytes) piped = NULL;
  g_autofree char *file = out_path (fx, "file.png");
  g_auto (Run) run = { 0 };
  g_autoptr (GBytes) from_file = NULL;

  g_assert_cmpint (run_shell (command, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  piped = read_bytes (path);
  run_tupu (&run, "--export", file, NULL);
  from_file = read_bytes (file);
  g_assert_true (g_bytes_equal (piped, from_file));
}

/* --format wins over the extension. */
static void
test_format_overrides_extension (Fixture *fx, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, "graph.png");
  g_autofree char *json = builtin_json ();
  g_autoptr (TupuGraph) graph = load (json);
  g_autofree char *txt = out_path (fx, "graph.txt");
  g_autofree char *contents = NULL;

  run_tupu (&run, "--export", out, "--format", "svg", NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  assert_svg_shows (out, graph, -1);

  /* An extension Tupu does not know is fine with --format. */
  run_clear (&run);
  run_tupu (&run, "--export", txt, "--format", "dot", NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  g_assert_true (g_file_get_contents (txt, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "digraph"));
}

/* Errors to standard output: a clear message on stderr, nothing on stdout, the exit code. */
static void
assert_stdout_fails (const char *command, int status, const char *message)
{
  g_autoptr (GBytes) out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_shell (command, &out, &err), ==, status);
  g_assert_cmpuint (g_bytes_get_size (out), ==, 0);
  if (strstr (err, message) == NULL)
    g_error ("“%s” printed “%s”, not “%s”", command, err, message);
}

static void
test_stdout_errors (Fixture *fx, gconstpointer data)
{
  g_autofree char *bad = fixture ("invalid.json");
  g_autofree char *quoted_bad = g_shell_quote (bad);
  g_autofree char *invalid = g_strdup_printf ("TUPU --export - --format svg %s", quoted_bad);
  g_autofree char *located = g_strdup_printf ("%s:17:15: ", bad);

  assert_stdout_fails ("TUPU --export -", TUPU_EXIT_USAGE, "--format");
  assert_stdout_fails ("TUPU --export - --format jpg", TUPU_EXIT_USAGE, "“jpg”");
  assert_stdout_fails ("TUPU --export - --format svg.png", TUPU_EXIT_USAGE, "“svg.png”");
  assert_stdout_fails ("TUPU --format svg", TUPU_EXIT_USAGE, "--format");
  assert_stdout_fails ("TUPU --validate x.json --format svg", TUPU_EXIT_USAGE, "--validate");
  assert_stdout_fails (invalid, TUPU_EXIT_INVALID, located);
  /* A full disk: the write fails and says where. */
  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    assert_stdout_fails ("TUPU --export - --format png > /dev/full", TUPU_EXIT_IO,
                         "standard output");
}

/* Inside Flatpak a path stays in the sandbox: the warning names the standard-output form. */
static void
test_sandbox_warning (Fixture *fx, gconstpointer data)
{
  g_autofree char *info = out_path (fx, "flatpak-info");
  g_autofree char *missing = out_path (fx, "no-flatpak-info");
  g_autofree char *warning = NULL;
  g_autofree char *builtin = NULL;

  g_assert_true (g_file_set_contents (info, "[Application]\nname=io.github.tupu.Tupu\n", -1, NULL));

  warning = tupu_cli_sandbox_warning (info, "/tmp/out graph.png", TUPU_EXPORT_PNG, "my.json");
  g_test_message ("%s", warning);
  g_assert_nonnull (warning);
  g_assert_true (g_str_has_prefix (warning, "tupu: warning: "));
  g_assert_nonnull (strstr (warning, "“/tmp/out graph.png”"));
  g_assert_nonnull (strstr (warning,
                            "flatpak run --file-forwarding io.github.tupu.Tupu "
                            "--export - --format png @@ my.json @@ > '/tmp/out graph.png'"));
  g_assert_true (g_str_has_suffix (warning, "\n"));

  /* The built-in graph needs no file forwarded. */
  builtin = tupu_cli_sandbox_warning (info, "a.svg", TUPU_EXPORT_SVG, NULL);
  g_assert_nonnull (strstr (builtin, "flatpak run io.github.tupu.Tupu --export - --format svg > "
                                     "a.svg\n"));

  /* Standard output reaches the host; outside Flatpak there is nothing to say. */
  g_assert_null (tupu_cli_sandbox_warning (info, "-", TUPU_EXPORT_SVG, "my.json"));
  g_assert_null (tupu_cli_sandbox_warning (missing, "a.svg", TUPU_EXPORT_SVG, "my.json"));
  g_unlink (info);
}

/* ------------------------------------------------------------------------------------------ */
/* Exit codes                                                                                  */

static void
assert_export_fails (Fixture *fx, const char *out_name, int status, const char *message,
                     const char *first, ...)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, out_name);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char      *build_dir = g_getenv ("TUPU_BUILD_DIR");
  g_autofree char *tupu = g_build_filename (build_dir, "src", "tupu", NULL);
  g_auto (GStrv) envp =
      g_environ_unsetenv (g_environ_unsetenv (g_get_environ (), "DISPLAY"), "WAYLAND_DISPLAY");
  g_autoptr (GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, tupu);
  g_ptr_array_add (args, (char *)"--export");
  g_ptr_array_add (args, out);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **)args->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run.out, &run.err, &run.status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run.status));
  g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (WEXITSTATUS (run.status), ==, status);
  if (message != NULL)
    g_assert_nonnull (strstr (run.err, message));
  /* A failed export leaves no file (and no temporary) behind. */
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fx), ==, 0);
}

static void
test_exit_usage (Fixture *fx, gconstpointer data)
{
  g_autofree char *json = fixture ("escapes.json");

  assert_export_fails (fx, "a.svg", TUPU_EXIT_USAGE, "osage", "--engine", "osage", json, NULL);
  assert_export_fails (fx, "a.txt", TUPU_EXIT_USAGE, "a.txt", json, NULL);
  assert_export_fails (fx, "a", TUPU_EXIT_USAGE, NULL, json, NULL);
  assert_export_fails (fx, "a.svg", TUPU_EXIT_USAGE, "no-such-id", "--root", "no-such-id", json,
                       NULL);
  assert_export_fails (fx, "a.svg", TUPU_EXIT_USAGE, NULL, "--no-such-option", json, NULL);
  assert_export_fails (fx, "a.svg", TUPU_EXIT_USAGE, "“TB”", "--direction", "TB", json, NULL);
}

static void
test_exit_invalid (Fixture *fx, gconstpointer data)
{
  g_autofree char *json = fixture ("invalid.json");

  /* Every problem is printed, located. */
  assert_export_fails (fx, "a.svg", TUPU_EXIT_INVALID, "invalid.json:17:15: ", json, NULL);
  assert_export_fails (fx, "a.svg", TUPU_EXIT_INVALID, "invalid.json:26:", json, NULL);
}

static void
test_exit_io (Fixture *fx, gconstpointer data)
{
  g_autofree char *json = fixture ("escapes.json");
  g_autofree char *missing_json = out_path (fx, "missing.json");
  g_autofree char *unwritable = g_build_filename ("no-such-dir", "a.svg", NULL);

  assert_export_fails (fx, "a.svg", TUPU_EXIT_IO, NULL, missing_json, NULL);
  assert_export_fails (fx, unwritable, TUPU_EXIT_IO, "no-such-dir", json, NULL);
}

static void
test_failure_keeps_existing (Fixture *fx, gconstpointer data)
{
  g_auto (Run) run = { 0 };
  g_autofree char *out = out_path (fx, "keep.svg");
  g_autofree char *json = fixture ("invalid.json");
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  run_tupu (&run, "--export", out, json, NULL);
  g_assert_cmpint (run.status, ==, TUPU_EXIT_INVALID);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_entries (fx), ==, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* --validate                                                                                  */

static void
test_validate (Fixture *fx, gconstpointer data)
{
  g_autofree char *good = builtin_json ();
  g_autofree char *fixture_good = fixture ("escapes.json");
  g_autofree char *bad = fixture ("invalid.json");
  g_autofree char *missing = out_path (fx, "missing.json");

  {
    g_auto (Run) run = { 0 };

    run_tupu (&run, "--validate", good, NULL);
    g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
    g_assert_cmpstr (run.err, ==, "");
  }
  {
    g_auto (Run) run = { 0 };

    run_tupu (&run, "--validate", fixture_good, NULL);
    g_assert_cmpint (run.status, ==, TUPU_EXIT_OK);
  }
  {
    g_auto (Run) run = { 0 };
    g_auto (GStrv) lines = NULL;

    run_tupu (&run, "--validate", bad, NULL);
    g_assert_cmpint (run.status, ==, TUPU_EXIT_INVALID);
    lines = g_strsplit (g_strchomp (run.err), "\n", -1);
    /* Both problems, each as file:line:column: message. */
    g_assert_cmpuint (g_strv_length (lines), ==, 2);
    for (guint i = 0; lines[i]; i++)
      g_assert_true (g_regex_match_simple ("^\\S*invalid\\.json:\\d+:\\d+: \\S", lines[i], 0, 0));
    g_assert_nonnull (strstr (lines[0], "invalid.json:17:15: "));
    /* The file is named as it was given on the command line, not by its basename. */
    for (guint i = 0; lines[i]; i++)
      g_assert_true (g_str_has_prefix (lines[i], bad));
    g_assert_nonnull (strstr (lines[1], "missing"));
  }
  {
    g_auto (Run) run = { 0 };

    run_tupu (&run, "--validate", missing, NULL);
    g_assert_cmpint (run.status, ==, TUPU_EXIT_IO);
    g_assert_cmpstr (run.err, !=, "");
  }
}

/* The command line never loads GTK (src/main.c): its libraries' start-up was more than a third of
 * an export's CPU time. The dynamic loader's own log names every library it opens; Graphviz's
 * must be among them, or the log says nothing and the check proves nothing. */
static void
test_no_gtk (Fixture *fixture, gconstpointer data)
{
  const char      *build_dir = g_getenv ("TUPU_BUILD_DIR");
  g_autofree char *tupu = g_build_filename (build_dir, "src", "tupu", NULL);
  const char      *argv[] = { tupu, "--export", "-", "--format", "dot", NULL };
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "LD_DEBUG", "files", TRUE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_nonnull (strstr (err, "libcgraph"));
  g_assert_null (strstr (err, "libgtk-4"));
  g_assert_null (strstr (err, "libadwaita"));
  g_assert_null (strstr (err, "libtupu-gui"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli/export/svg", test_export_svg);
  ADD ("/cli/export/escapes", test_export_escapes);
  ADD ("/cli/export/root", test_export_root);
  ADD ("/cli/export/png", test_export_png);
  ADD ("/cli/export/pdf", test_export_pdf);
  ADD ("/cli/export/dot", test_export_dot);
  ADD ("/cli/export/direction", test_export_direction);
  ADD ("/cli/stdout/formats", test_stdout_formats);
  ADD ("/cli/stdout/pipe", test_stdout_pipe);
  ADD ("/cli/stdout/errors", test_stdout_errors);
  ADD ("/cli/format/overrides-extension", test_format_overrides_extension);
  ADD ("/cli/sandbox-warning", test_sandbox_warning);
  ADD ("/cli/no-gtk", test_no_gtk);
  ADD ("/cli/exit/usage", test_exit_usage);
  ADD ("/cli/exit/invalid", test_exit_invalid);
  ADD ("/cli/exit/io", test_exit_io);
  ADD ("/cli/exit/keeps-existing", test_failure_keeps_existing);
  ADD ("/cli/validate", test_validate);
#undef ADD

  return g_test_run ();
}
