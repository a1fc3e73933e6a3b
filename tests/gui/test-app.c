/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app.c: drives the built app like a person, under Xvfb.
 *
 * Every input is a real X event sent with xdotool (pointer moves, clicks, wheel, keys). The app
 * runs as tupu-probed: Tupu with a probe that only answers "where is what" on stdout (see
 * tupu-test-probe.h here), so the test knows where to click and what happened. No window
 * manager runs: the window sits where X puts it, and xdotool tells where that is.
 */
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The fixed waits stretch by TUPU_TEST_TIMEOUT_SCALE (an integer; build-aux/test sets it in the
 * sanitizer stage, where the app starts and lays out several times slower). */
#define PROBE_TIMEOUT_MS timeout_ms (10000)
#define READY_TIMEOUT_MS timeout_ms (30000)
#define STEP_TIMEOUT_MS timeout_ms (10000)

static int
timeout_ms (int ms)
{
  const char *scale = g_getenv ("TUPU_TEST_TIMEOUT_SCALE");

  return ms * (scale != NULL ? CLAMP (atoi (scale), 1, 100) : 1);
}

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  GOutputStream    *in;
  char             *window_id;
  int               origin_x, origin_y;
} App;

typedef struct
{
  double x, y, width, height;
} Rect;

/* Processes and X */

static void xdo (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Runs one xdotool command line (an X client sending real XTEST events). */
static void
xdo (const char *format, ...)
{
  va_list          args;
  g_autofree char *command = NULL;
  g_autofree char *full = NULL;
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int              status = 0;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);

  full = g_strconcat ("xdotool ", command, NULL);
  g_assert_true (g_shell_parse_argv (full, NULL, &argv, NULL));
  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    g_error ("could not run “%s”: %s", full, error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed: %s", full, err);
}

static char *
xdo_output (const char *command)
{
  g_autofree char *full = g_strconcat ("xdotool ", command, NULL);
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int   status = 0;

  if (!g_spawn_command_line_sync (full, &out, NULL, &status, &error))
    g_error ("could not run “%s”: %s", full, error->message);
  return out;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
sleep_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  gboolean done;
  char    *line;
  GError  *error;
} LineRead;

static void
line_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, &read->error);
  read->done = TRUE;
}

/* One probe exchange: a command line out, one JSON line back, or the test fails. */
static JsonObject *
app_command (App *app, const char *command)
{
  g_autofree char *request = g_strconcat (command, "\n", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  LineRead read = { 0 };
  gboolean timed_out = FALSE;
  guint    timeout;

  if (!g_output_stream_write_all (app->in, request, strlen (request), NULL, NULL, &error) ||
      !g_output_stream_flush (app->in, NULL, &error))
    g_error ("the app is gone (writing “%s”: %s)", command, error->message);

  timeout = g_timeout_add (PROBE_TIMEOUT_MS, timeout_cb, &timed_out);
  g_data_input_stream_read_line_async (app->out, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
  while (!read.done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!read.done)
    g_error ("the app did not answer “%s” within %d ms", command, PROBE_TIMEOUT_MS);
  g_source_remove (timeout);

  if (read.line == NULL)
    g_error ("the app closed its output (answering “%s”)", command);
  if (!json_parser_load_from_data (parser, read.line, -1, &error))
    g_error ("the probe's answer is not JSON: %s: %s", error->message, read.line);
  g_free (read.line);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
app_state (App *app)
{
  return app_command (app, "state");
}

/* Waits for the app's window to appear and records where X put it. */
static void
find_window (App *app)
{
  const char *pid = g_subprocess_get_identifier (app->process);
  gint64      end = g_get_monotonic_time () + READY_TIMEOUT_MS * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *search = g_strdup_printf ("search --onlyvisible --pid %s", pid);
      g_autofree char *ids = xdo_output (search);
      g_auto (GStrv) lines = g_strsplit (g_strstrip (ids), "\n", -1);

      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          g_autofree char *query = g_strdup_printf ("getwindowgeometry --shell %s", lines[i]);
          g_autofree char *geometry = xdo_output (query);
          g_auto (GStrv) fields = g_strsplit (geometry, "\n", -1);
          int x = 0, y = 0, width = 0;

          for (guint j = 0; fields[j] != NULL; j++)
            {
              if (g_str_has_prefix (fields[j], "X="))
                x = atoi (fields[j] + 2);
              else if (g_str_has_prefix (fields[j], "Y="))
                y = atoi (fields[j] + 2);
              else if (g_str_has_prefix (fields[j], "WIDTH="))
                width = atoi (fields[j] + 6);
            }
          /* GTK's 1×1 client leader window is not the one we want. */
          if (width > 1)
            {
              app->window_id = g_strdup (lines[i]);
              app->origin_x = x;
              app->origin_y = y;
              return;
            }
        }
      sleep_ms (100);
    }
  g_error ("no window of the app (pid %s) appeared within %d ms", pid, READY_TIMEOUT_MS);
}

/* This test's own state folder, removed at exit. */
static char *state_dir;

static void
remove_state_dir (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", state_dir);

  if (state_dir != NULL && g_str_has_prefix (state_dir, g_get_tmp_dir ()))
    (void)system (command);
}

static const char *
test_state_dir (void)
{
  if (state_dir == NULL)
    {
      g_autoptr (GError) error = NULL;

      state_dir = g_dir_make_tmp ("tupu-gui-state-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_state_dir);
    }
  return state_dir;
}

/* Where the app keeps its settings: in memory (each start from the defaults), unless a test
 * that restarts the app needs them kept ("keyfile", under the test's XDG_CONFIG_HOME). */
static const char *settings_backend = "memory";

static App *
app_start_full (const char *file, const char *lang)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autofree char *binary = NULL;
  g_autoptr (GError) error = NULL;
  App        *app = g_new0 (App, 1);
  const char *build_dir = g_getenv ("TUPU_BUILD_DIR");

  g_assert_nonnull (build_dir);
  binary = g_build_filename (build_dir, "tests", "gui", "tupu-probed", NULL);

  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", settings_backend, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);
  /* Each test starts from what a new user has (no folds kept), and its restarts share it. */
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", test_state_dir (), TRUE);
  /* Recent files too (GTK's file chooser lists and adds them): never the user's. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", test_state_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "LANG", lang, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", lang, TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  /* No AT-SPI bus: its launcher would outlive the test's X server and session bus. */
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);

  app->process = g_subprocess_launcher_spawn (launcher, &error, binary, file, NULL);
  g_assert_no_error (error);
  app->in = g_object_ref (g_subprocess_get_stdin_pipe (app->process));
  app->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (app->process));

  find_window (app);
  /* No window manager gives focus: set it, as clicking a window would under one. */
  xdo ("windowfocus --sync %s", app->window_id);
  return app;
}

static App *
app_start (const char *file)
{
  return app_start_full (file, "C.UTF-8");
}

static void
app_stop (App *app)
{
  g_autoptr (JsonObject) reply = app_command (app, "quit");
  g_autoptr (GError) error = NULL;

  if (!g_subprocess_wait_check (app->process, NULL, &error))
    g_error ("the app did not exit cleanly: %s", error->message);

  g_clear_object (&app->in);
  g_clear_object (&app->out);
  g_clear_object (&app->process);
  g_free (app->window_id);
  g_free (app);
}

/* State helpers */

static const char *
state_string (JsonObject *state, const char *member)
{
  return json_object_get_null_member (state, member)
             ? NULL
             : json_object_get_string_member (state, member);
}

/* The rectangle [x, y, width, height] under @id in the state's object @member, if any. */
static gboolean
member_rect (JsonObject *state, const char *member, const char *id, Rect *rect)
{
  JsonObject *rects = json_object_get_object_member (state, member);
  JsonArray  *array;

  if (rects == NULL || !json_object_has_member (rects, id))
    return FALSE;
  array = json_object_get_array_member (rects, id);
  rect->x = json_array_get_double_element (array, 0);
  rect->y = json_array_get_double_element (array, 1);
  rect->width = json_array_get_double_element (array, 2);
  rect->height = json_array_get_double_element (array, 3);
  return TRUE;
}

static gboolean
node_rect (JsonObject *state, const char *id, Rect *rect)
{
  return member_rect (state, "nodes", id, rect);
}

static Rect
view_rect (JsonObject *state)
{
  JsonObject *view = json_object_get_object_member (state, "view");
  Rect        rect = { 0 };

  g_assert_true (json_object_has_member (view, "width"));
  rect.x = json_object_get_double_member (view, "x");
  rect.y = json_object_get_double_member (view, "y");
  rect.width = json_object_get_double_member (view, "width");
  rect.height = json_object_get_double_member (view, "height");
  return rect;
}

static gboolean
rect_contains (const Rect *outer, const Rect *inner, double slack)
{
  return inner->x >= outer->x - slack && inner->y >= outer->y - slack &&
         inner->x + inner->width <= outer->x + outer->width + slack &&
         inner->y + inner->height <= outer->y + outer->height + slack;
}

static guint
n_nodes (JsonObject *state)
{
  return json_object_get_size (json_object_get_object_member (state, "nodes"));
}

/* Every laid-out node's box lies inside @view (1 px slack); @when names the moment in a failure. */
static void
assert_every_node_inside (JsonObject *state, const Rect *view, const char *when)
{
  g_autoptr (GList) ids = json_object_get_members (json_object_get_object_member (state, "nodes"));

  for (GList *l = ids; l != NULL; l = l->next)
    {
      Rect r;

      node_rect (state, l->data, &r);
      if (!rect_contains (view, &r, 1))
        g_error ("%s, node %s (%.0f,%.0f %.0f×%.0f) lies outside the view", when, (char *)l->data,
                 r.x, r.y, r.width, r.height);
    }
}

typedef gboolean (*StatePredicate) (JsonObject *state, gpointer data);

/* Polls the probe until @predicate holds; fails the test with @what after @timeout_ms. */
static JsonObject *
wait_for (App *app, StatePredicate predicate, gpointer data, guint timeout_ms, const char *what)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64)timeout_ms * 1000;

  for (;;)
    {
      JsonObject *state = app_state (app);

      if (predicate (state, data))
        {
          g_test_message ("%s: %d ms", what, (int)((g_get_monotonic_time () - start) / 1000));
          return state;
        }
      if (g_get_monotonic_time () > end)
        {
          g_autoptr (JsonNode) node = NULL;
          g_autofree char *text = NULL;

          /* The nodes' boxes would fill the message: the rest tells what went wrong. */
          json_object_remove_member (state, "nodes");
          node = json_node_init_object (json_node_alloc (), state);
          text = json_to_string (node, FALSE);
          g_error ("timed out after %u ms waiting for %s; last state: %.4000s", timeout_ms, what,
                   text);
        }
      json_object_unref (state);
      sleep_ms (50);
    }
}

static gboolean
is_ready (JsonObject *state, gpointer data)
{
  return json_object_get_boolean_member (state, "window") &&
         json_object_get_boolean_member (state, "ready") && n_nodes (state) > 0;
}

/* Ready, and the view has stopped moving (zoom and node boxes stable over two polls). */
typedef struct
{
  char *last;
} SettleData;

static gboolean
is_settled (JsonObject *state, gpointer data)
{
  SettleData *settle = data;
  g_autoptr (JsonNode) nodes = NULL;
  g_autofree char *nodes_text = NULL;
  g_autofree char *now = NULL;
  gboolean         same;

  if (!is_ready (state, NULL))
    return FALSE;

  nodes =
      json_node_init_object (json_node_alloc (), json_object_get_object_member (state, "nodes"));
  nodes_text = json_to_string (nodes, FALSE);
  now = g_strdup_printf ("%.6f %s", json_object_get_double_member (state, "zoom"), nodes_text);
  same = g_strcmp0 (now, settle->last) == 0;
  g_free (settle->last);
  settle->last = g_steal_pointer (&now);
  return same;
}

static JsonObject *
wait_settled (App *app, const char *what)
{
  SettleData  settle = { NULL };
  JsonObject *state = NULL;

  /* Two polls ~150 ms apart with nothing moving: the animation (≤ 300 ms) has ended. */
  for (int i = 0; i < 2; i++)
    {
      if (state != NULL)
        json_object_unref (state);
      sleep_ms (100);
      state = wait_for (app, is_settled, &settle, STEP_TIMEOUT_MS, what);
    }
  g_free (settle.last);
  return state;
}

/* Screen coordinates of a surface point. */
static void
to_screen (App *app, double sx, double sy, int *x, int *y)
{
  *x = app->origin_x + (int)round (sx);
  *y = app->origin_y + (int)round (sy);
}

static void
click_at (App *app, double sx, double sy)
{
  int x, y;

  to_screen (app, sx, sy, &x, &y);
  xdo ("mousemove %d %d", x, y);
  xdo ("click 1");
}

/* The largest node box lying wholly inside the view, away from its edges. */
static char *
pick_visible_node (JsonObject *state, Rect *out)
{
  Rect        view = view_rect (state);
  Rect        inner = { view.x + 20, view.y + 20, view.width - 40, view.height - 40 };
  JsonObject *nodes = json_object_get_object_member (state, "nodes");
  g_autoptr (GList) ids = json_object_get_members (nodes);
  const char *best = NULL;
  double      best_area = 0;

  for (GList *l = ids; l != NULL; l = l->next)
    {
      Rect r;

      node_rect (state, l->data, &r);
      if (rect_contains (&inner, &r, 0) && r.width * r.height > best_area)
        {
          best = l->data;
          best_area = r.width * r.height;
          *out = r;
        }
    }
  g_assert_nonnull (best);
  return g_strdup (best);
}

static gboolean
point_in_any_node (JsonObject *state, double x, double y, double margin)
{
  JsonObject *nodes = json_object_get_object_member (state, "nodes");
  g_autoptr (GList) ids = json_object_get_members (nodes);

  for (GList *l = ids; l != NULL; l = l->next)
    {
      Rect r;

      node_rect (state, l->data, &r);
      if (x >= r.x - margin && x <= r.x + r.width + margin && y >= r.y - margin &&
          y <= r.y + r.height + margin)
        return TRUE;
    }
  return FALSE;
}

static gboolean
under_a_crumb (JsonObject *state, double x, double y)
{
  JsonArray *crumbs = json_object_get_array_member (state, "breadcrumb");

  /* The card around the crumbs reaches a few pixels past them. */
  for (guint i = 0; i < json_array_get_length (crumbs); i++)
    {
      JsonObject *crumb = json_array_get_object_element (crumbs, i);
      double      cx = json_object_get_double_member (crumb, "x");
      double      cy = json_object_get_double_member (crumb, "y");

      if (x >= cx - 10 && x <= cx + json_object_get_double_member (crumb, "width") + 10 &&
          y >= cy - 10 && y <= cy + json_object_get_double_member (crumb, "height") + 10)
        return TRUE;
    }
  return FALSE;
}

/* A point of the view, not on any node nor on the breadcrumb's card over the graph (a click
 * there goes to the breadcrumb), from which a drag of (dx, dy) stays inside the view. */
static gboolean
find_empty_point (JsonObject *state, double dx, double dy, double *px, double *py)
{
  Rect view = view_rect (state);

  for (double y = view.y + 40; y < view.y + view.height - 40; y += 17)
    for (double x = view.x + 40; x < view.x + view.width - 40; x += 17)
      {
        if (x + dx < view.x + 20 || x + dx > view.x + view.width - 20 || y + dy < view.y + 20 ||
            y + dy > view.y + view.height - 20)
          continue;
        if (!point_in_any_node (state, x, y, 12) && !under_a_crumb (state, x, y))
          {
            *px = x;
            *py = y;
            return TRUE;
          }
      }
  return FALSE;
}

static JsonObject *
start_ready (App **app, const char *file)
{
  JsonObject *state;

  *app = app_start (file);
  state = wait_for (*app, is_ready, NULL, READY_TIMEOUT_MS, "the graph to be shown");
  json_object_unref (state);
  return wait_settled (*app, "the first layout to settle");
}

/* Ctrl + wheel @clicks notches at a surface point (button 4 = up = zoom in). */
static void
ctrl_scroll (App *app, double sx, double sy, int button, int clicks)
{
  int x, y;

  to_screen (app, sx, sy, &x, &y);
  xdo ("mousemove %d %d", x, y);
  xdo ("keydown ctrl");
  for (int i = 0; i < clicks; i++)
    xdo ("click %d", button);
  xdo ("keyup ctrl");
}

static void
select_by_click (App *app, JsonObject *state, char **id_out)
{
  Rect             r;
  g_autofree char *id = pick_visible_node (state, &r);
  g_autoptr (JsonObject) after = NULL;

  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  after = app_state (app);
  for (int i = 0; i < 40 && g_strcmp0 (state_string (after, "selected"), id) != 0; i++)
    {
      json_object_unref (after);
      sleep_ms (50);
      after = app_state (app);
    }
  g_assert_cmpstr (state_string (after, "selected"), ==, id);
  *id_out = g_steal_pointer (&id);
}

/* Temporary files */

static char *
copy_builtin_graph (const char *dir)
{
  g_autofree char *source =
      g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "data", "graphs", "speech.json", NULL);
  g_autofree char *target = g_build_filename (dir, "speech.json", NULL);
  g_autofree char *contents = NULL;
  gsize            length;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (target, contents, length, &error));
  return g_steal_pointer (&target);
}

static char *
make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("tupu-gui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Rewrites @path as an editor would: a new file renamed over the old one. */
static void
rewrite_file (const char *path, const char *contents)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* The concepts the speech graph opens on: the report and its parts (the overview). */
static guint
overview_size (void)
{
  g_autofree char *path =
      g_build_filename (g_getenv ("TUPU_SOURCE_DIR"), "data", "graphs", "speech.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *edges;
  guint      parts = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  edges =
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "edges");
  for (guint i = 0; i < json_array_get_length (edges); i++)
    {
      JsonObject *edge = json_array_get_object_element (edges, i);

      parts += g_strcmp0 (json_object_get_string_member (edge, "relation"), "part-of") == 0 &&
               g_strcmp0 (json_object_get_string_member (edge, "target"), "report") == 0;
    }
  return 1 + parts;
}

/* Tests */

static void
test_startup_builtin (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  Rect view = view_rect (state);

  g_assert_null (state_string (state, "file"));
  g_assert_nonnull (state_string (state, "graph_id"));
  g_assert_false (json_object_get_boolean_member (state, "status_page"));
  g_assert_cmpuint (n_nodes (state), ==, overview_size ());
  g_assert_cmpfloat (view.width, >, 200);
  g_assert_cmpfloat (view.height, >, 200);
  /* Fitted on first show: every box inside the view. */
  assert_every_node_inside (state, &view, "on first show");
  app_stop (app);
}

/* Every shown Chinese text carries its language, or Pango picks Han glyph forms by the locale:
 * Japanese forms under an English one. */
static void
assert_han_has_language (JsonObject *state, const char *what)
{
  JsonArray *texts = json_object_get_array_member (state, "han_without_language");

  if (json_array_get_length (texts) > 0)
    g_error ("%s shows Chinese without its language: \"%s\"", what,
             json_array_get_string_element (texts, 0));
}

static void
test_select_click (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) after = NULL;
  g_autofree char *id = NULL;
  JsonObject      *detail;

  select_by_click (app, state, &id);
  after = app_state (app);
  detail = json_object_get_object_member (after, "detail");
  g_assert_cmpstr (state_string (detail, "node_id"), ==, id);
  g_assert_nonnull (state_string (detail, "label"));
  g_assert_cmpstr (state_string (detail, "label"), !=, "");
  g_assert_nonnull (state_string (detail, "gloss"));
  g_assert_nonnull (state_string (detail, "kind"));
  assert_han_has_language (after, "a selected concept's details");
  app_stop (app);
}

static gboolean
pane_shows (JsonObject *state, gpointer data)
{
  return g_strcmp0 (state_string (json_object_get_object_member (state, "detail"), "node_id"),
                    data) == 0;
}

static JsonObject *
first_visible_link (JsonObject *state)
{
  JsonArray *links =
      json_object_get_array_member (json_object_get_object_member (state, "detail"), "links");

  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);

      if (json_object_get_boolean_member (link, "visible"))
        return link;
    }
  return NULL;
}

static void
test_select_link (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) after = NULL;
  g_autoptr (JsonObject) centred = NULL;
  g_autofree char *id = NULL;
  g_autofree char *target = NULL;
  JsonObject      *link;
  Rect             view, r;

  select_by_click (app, state, &id);
  after = wait_for (app, pane_shows, id, STEP_TIMEOUT_MS, "the pane to show the concept");

  /* Scroll the detail pane with the wheel, as a reader would, until a link shows. */
  for (int i = 0; i < 30 && (link = first_visible_link (after)) == NULL; i++)
    {
      JsonArray *links =
          json_object_get_array_member (json_object_get_object_member (after, "detail"), "links");
      JsonObject *any;
      int         x, y;

      g_assert_cmpuint (json_array_get_length (links), >, 0);
      any = json_array_get_object_element (links, 0);
      to_screen (app, json_object_get_double_member (any, "x") + 40,
                 view_rect (after).y + view_rect (after).height / 2, &x, &y);
      xdo ("mousemove %d %d", x, y);
      xdo ("click 5");
      sleep_ms (100);
      json_object_unref (after);
      after = app_state (app);
    }
  g_assert_nonnull (link);
  target = g_strdup (json_object_get_string_member (link, "id"));
  g_assert_cmpstr (target, !=, id);

  click_at (app, json_object_get_double_member (link, "x") + 12,
            json_object_get_double_member (link, "y") +
                json_object_get_double_member (link, "height") / 2);

  centred = wait_settled (app, "the view to centre the link's target");
  g_assert_cmpstr (state_string (centred, "selected"), ==, target);
  g_assert_cmpstr (state_string (json_object_get_object_member (centred, "detail"), "node_id"), ==,
                   target);
  view = view_rect (centred);
  g_assert_true (node_rect (centred, target, &r));
  g_assert_cmpfloat_with_epsilon (r.x + r.width / 2, view.x + view.width / 2, 2.0);
  g_assert_cmpfloat_with_epsilon (r.y + r.height / 2, view.y + view.height / 2, 2.0);
  app_stop (app);
}

/* The detail pane shows @data, its focus on the title (where following a link must put it). */
static gboolean
pane_title_focused (JsonObject *state, gpointer data)
{
  JsonObject *detail = json_object_get_object_member (state, "detail");

  return g_strcmp0 (state_string (detail, "node_id"), data) == 0 &&
         g_strcmp0 (state_string (detail, "focus"), "title") == 0;
}

static const char *main_focus (JsonObject *state);
static const char *main_focus_id (JsonObject *state);

static gboolean
focus_moved_from (JsonObject *state, gpointer data)
{
  return g_strcmp0 (main_focus_id (state), data) != 0;
}

/* Presses @key (Tab or shift+Tab) until @done holds, waiting after each press for the focus to
 * move. */
static void
key_until (App *app, const char *key, StatePredicate done, gpointer data, const char *what)
{
  for (int i = 0; i < 80; i++)
    {
      g_autoptr (JsonObject) state = app_state (app);
      g_autofree char *from = NULL;

      if (done (state, data))
        return;
      from = g_strdup (main_focus_id (state));
      xdo ("key %s", key);
      json_object_unref (wait_for (app, focus_moved_from, from, STEP_TIMEOUT_MS, "Tab to move"));
    }
  g_error ("%s never reached %s", key, what);
}

static void
tab_until (App *app, StatePredicate done, gpointer data, const char *what)
{
  key_until (app, "Tab", done, data, what);
}

static gboolean
focus_on_link (JsonObject *state, gpointer data)
{
  g_autofree char *want = g_strconcat ("link:", (const char *)data, NULL);

  return g_strcmp0 (state_string (json_object_get_object_member (state, "detail"), "focus"),
                    want) == 0;
}

static gboolean
focus_on_view (JsonObject *state, gpointer data)
{
  const char *focus = main_focus (state);

  return focus != NULL && g_str_has_prefix (focus, "TupuGraphView");
}

static gboolean
shows_selected (JsonObject *state, gpointer data)
{
  return g_strcmp0 (state_string (state, "selected"), data) == 0 &&
         g_strcmp0 (state_string (json_object_get_object_member (state, "detail"), "node_id"),
                    data) == 0;
}

/* Tabs to the pane's link to @id, presses Return, and waits for the focus on the new title. */
static JsonObject *
follow_link_by_keyboard (App *app, const char *id)
{
  g_autofree char *what = g_strdup_printf ("the title of %s to have the focus", id);

  tab_until (app, focus_on_link, (gpointer)id, id);
  xdo ("key Return");
  return wait_for (app, pane_title_focused, (gpointer)id, STEP_TIMEOUT_MS, what);
}

/* Issue 12's blocker: following links by keyboard down to a leaf (总要求, no parts of its own)
 * used to destroy the focused link and lose the focus. The focus must land on each new title,
 * and the keyboard must go on from there. */
static void
test_select_link_keyboard (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) leaf = NULL;
  g_autoptr (JsonObject) after = NULL;
  JsonObject *detail;

  /* Into the canvas with Tab, the speech's root with Home, into the pane with F6. */
  tab_until (app, focus_on_view, NULL, "the graph");
  xdo ("key Home");
  json_object_unref (wait_for (app, shows_selected, "report", STEP_TIMEOUT_MS, "Home"));
  xdo ("key F6");
  json_object_unref (wait_for (app, pane_title_focused, "report", STEP_TIMEOUT_MS, "F6"));

  json_object_unref (follow_link_by_keyboard (app, "introduction"));
  json_object_unref (follow_link_by_keyboard (app, "campaign-aims"));
  leaf = follow_link_by_keyboard (app, "general-requirement");
  g_assert_cmpstr (state_string (leaf, "selected"), ==, "general-requirement");
  detail = json_object_get_object_member (leaf, "detail");
  g_assert_cmpstr (state_string (detail, "label"), ==, "总要求");

  /* Not stranded: Tab moves on inside the pane, Shift+Tab comes back to the title. */
  xdo ("key Tab");
  after = wait_for (app, focus_moved_from, (gpointer)main_focus_id (leaf), STEP_TIMEOUT_MS,
                    "Tab after following the link");
  g_assert_nonnull (state_string (json_object_get_object_member (after, "detail"), "focus"));
  xdo ("key shift+Tab");
  json_object_unref (wait_for (app, pane_title_focused, "general-requirement", STEP_TIMEOUT_MS,
                               "Shift+Tab back to the title"));
  app_stop (app);
}

static void
test_zoom_pointer (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) after = NULL;
  Rect             before_r, after_r;
  g_autofree char *id = pick_visible_node (state, &before_r);
  double           zoom = json_object_get_double_member (state, "zoom");
  /* A point just off the node's corner: not its centre, so a wrong anchor shows. */
  double px = round (before_r.x + before_r.width * 0.25);
  double py = round (before_r.y + before_r.height * 0.75);
  double fx = (px - before_r.x) / before_r.width;
  double fy = (py - before_r.y) / before_r.height;

  ctrl_scroll (app, px, py, 4, 3);
  after = wait_settled (app, "the zoom to settle");
  g_assert_cmpfloat (json_object_get_double_member (after, "zoom"), >, zoom * 1.1);
  g_assert_true (node_rect (after, id, &after_r));
  /* The layout point under the pointer stayed under it. */
  g_assert_cmpfloat_with_epsilon (after_r.x + fx * after_r.width, px, 1.0);
  g_assert_cmpfloat_with_epsilon (after_r.y + fy * after_r.height, py, 1.0);
  app_stop (app);
}

static void
test_zoom_fit (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) zoomed = NULL;
  g_autoptr (JsonObject) fitted = NULL;
  g_autoptr (JsonObject) stepped = NULL;
  g_autoptr (JsonObject) refitted = NULL;
  Rect   view = view_rect (state);
  double fit_zoom = json_object_get_double_member (state, "zoom");

  ctrl_scroll (app, view.x + view.width / 2, view.y + view.height / 2, 4, 5);
  zoomed = wait_settled (app, "the zoom to settle");
  g_assert_cmpfloat (json_object_get_double_member (zoomed, "zoom"), >, fit_zoom * 1.5);

  /* Click empty space first, as a person would, so the keys go to the graph. */
  {
    double px = 0, py = 0;

    g_assert_true (find_empty_point (zoomed, 0, 0, &px, &py));
    click_at (app, px, py);
  }
  xdo ("key 0");
  fitted = wait_settled (app, "the fit to settle");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (fitted, "zoom"), fit_zoom,
                                  fit_zoom * 0.01);
  assert_every_node_inside (fitted, &view, "after 0");

  /* The window's accelerators: Ctrl+plus zooms one step (1.25×), Ctrl+0 fits again. */
  xdo ("key ctrl+plus");
  stepped = wait_settled (app, "Ctrl+plus to settle");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (stepped, "zoom"), fit_zoom * 1.25,
                                  fit_zoom * 0.01);
  xdo ("key ctrl+0");
  refitted = wait_settled (app, "Ctrl+0 to settle");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (refitted, "zoom"), fit_zoom,
                                  fit_zoom * 0.01);
  app_stop (app);
}

static void
test_pan_drag (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) after = NULL;
  const double     dx = 120, dy = -80;
  double           px = 0, py = 0;
  int              x, y;
  Rect             r0, r1;
  g_autofree char *id = pick_visible_node (state, &r0);

  g_assert_true (find_empty_point (state, dx, dy, &px, &py));
  to_screen (app, px, py, &x, &y);
  xdo ("mousemove %d %d", x, y);
  xdo ("mousedown 1");
  for (int i = 1; i <= 10; i++)
    xdo ("mousemove %d %d", x + (int)(dx * i / 10), y + (int)(dy * i / 10));
  xdo ("mouseup 1");

  after = wait_settled (app, "the pan to settle");
  g_assert_true (node_rect (after, id, &r1));
  g_assert_cmpfloat_with_epsilon (r1.x - r0.x, dx, 1.0);
  g_assert_cmpfloat_with_epsilon (r1.y - r0.y, dy, 1.0);
  /* A drag on empty space pans; it does not select. */
  g_assert_null (state_string (after, "selected"));
  app_stop (app);
}

static void
test_select_arrows (void)
{
  static const struct
  {
    const char *key;
    int         dx, dy;
  } keys[] = { { "Down", 0, 1 }, { "Right", 1, 0 }, { "Up", 0, -1 }, { "Left", -1, 0 } };
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autofree char *id = NULL;
  guint            moved = 0;

  select_by_click (app, state, &id);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr (JsonObject) before = wait_settled (app, "the selection to settle");
      g_autoptr (JsonObject) after = NULL;
      const char *from = state_string (before, "selected");
      const char *to;
      Rect        a, b;

      g_assert_nonnull (from);
      g_assert_true (node_rect (before, from, &a));
      xdo ("key %s", keys[k].key);
      after = wait_settled (app, "the selection to move");
      to = state_string (after, "selected");
      g_assert_nonnull (to);
      if (g_strcmp0 (to, from) == 0)
        continue; /* nothing lies that way */

      /* Compare in the after-state, where both boxes are known in the same view. */
      if (!node_rect (after, from, &a))
        g_error ("node %s vanished from the view", from);
      g_assert_true (node_rect (after, to, &b));
      if (keys[k].dx != 0)
        g_assert_cmpfloat ((b.x + b.width / 2 - (a.x + a.width / 2)) * keys[k].dx, >, 0);
      else
        g_assert_cmpfloat ((b.y + b.height / 2 - (a.y + a.height / 2)) * keys[k].dy, >, 0);
      moved++;
    }
  g_assert_cmpuint (moved, >=, 2);
  app_stop (app);
}

static gboolean
has_loads (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) &&
         json_object_get_int_member (state, "loads") >= GPOINTER_TO_INT (data);
}

static gboolean
shows_branch (JsonObject *state, gpointer data)
{
  Rect r;

  return is_ready (state, NULL) && node_rect (state, data, &r) && !node_rect (state, "report", &r);
}

static gboolean
shows_nodes (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) && n_nodes (state) == GPOINTER_TO_UINT (data);
}

/* Alt+Down on a selected part shows only its branch; Alt+Up brings the whole graph back. */
static void
test_branch_keys (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) branch = NULL;
  g_autoptr (JsonObject) whole = NULL;
  guint total = n_nodes (state);
  Rect  r;

  g_assert_true (node_rect (state, "part-2", &r));
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (wait_settled (app, "part-2 to be selected"));

  xdo ("key alt+Down");
  branch = wait_for (app, shows_branch, "part-2", STEP_TIMEOUT_MS, "the branch of part-2 alone");
  g_assert_true (node_rect (branch, "part-2", &r));
  g_assert_false (node_rect (branch, "part-1", &r));
  g_assert_false (node_rect (branch, "report", &r));
  g_assert_cmpstr (state_string (branch, "selected"), ==, "part-2");

  xdo ("key alt+Up");
  whole = wait_for (app, shows_nodes, GUINT_TO_POINTER (total), STEP_TIMEOUT_MS,
                    "the whole graph again");
  g_assert_true (node_rect (whole, "part-1", &r));
  app_stop (app);
}

static void
test_load_command_line (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = copy_builtin_graph (dir);
  App             *app;
  g_autoptr (JsonObject) state = start_ready (&app, path);

  g_assert_cmpstr (state_string (state, "file"), ==, path);
  g_assert_cmpuint (n_nodes (state), ==, overview_size ());
  app_stop (app);
  remove_temp_dir (dir);
}

/* Selects a node and zooms in, returning the selection and zoom to compare after a reload. */
static void
select_and_zoom (App *app, JsonObject *state, char **id, double *zoom)
{
  g_autoptr (JsonObject) zoomed = NULL;
  Rect r;

  select_by_click (app, state, id);
  g_assert_true (node_rect (state, *id, &r));
  ctrl_scroll (app, r.x + r.width / 2, r.y + r.height / 2, 4, 2);
  zoomed = wait_settled (app, "the zoom to settle");
  *zoom = json_object_get_double_member (zoomed, "zoom");
  g_assert_cmpfloat (*zoom, >, json_object_get_double_member (state, "zoom"));
}

static void
assert_kept (JsonObject *state, const char *id, double zoom)
{
  g_assert_cmpstr (state_string (state, "selected"), ==, id);
  g_assert_cmpstr (state_string (json_object_get_object_member (state, "detail"), "node_id"), ==,
                   id);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (state, "zoom"), zoom, zoom * 1e-6);
}

static void
test_reload_keeps_view (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = copy_builtin_graph (dir);
  App             *app;
  g_autoptr (JsonObject) state = start_ready (&app, path);
  g_autoptr (JsonObject) reloaded = NULL;
  g_autofree char *id = NULL;
  double           zoom;

  select_and_zoom (app, state, &id, &zoom);
  xdo ("key ctrl+r");
  reloaded =
      wait_for (app, has_loads, GINT_TO_POINTER (2), STEP_TIMEOUT_MS, "Ctrl+R to reload the file");
  json_object_unref (reloaded);
  reloaded = wait_settled (app, "the reloaded graph to settle");
  assert_kept (reloaded, id, zoom);
  app_stop (app);
  remove_temp_dir (dir);
}

static gboolean
title_is (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) && g_strcmp0 (state_string (state, "title"), data) == 0;
}

static void
test_disk_change_reloads (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = copy_builtin_graph (dir);
  App             *app;
  g_autoptr (JsonObject) state = start_ready (&app, path);
  g_autoptr (JsonObject) reloaded = NULL;
  g_autofree char *id = NULL;
  g_autofree char *contents = read_file (path);
  g_autofree char *old_title = g_strdup (state_string (state, "title"));
  g_autofree char *new_title = g_strconcat (old_title, " (revised)", NULL);
  g_autofree char *needle = g_strdup_printf ("\"%s\"", old_title);
  g_autofree char *replacement = g_strdup_printf ("\"%s\"", new_title);
  g_autoptr (GString) edited = g_string_new (contents);
  double zoom;

  /* The file on the command line was loaded while GTK started; it is watched all the same. */
  g_assert_true (json_object_get_boolean_member (state, "preloaded"));
  select_and_zoom (app, state, &id, &zoom);

  /* The curator retitles the graph in an editor and saves. */
  g_assert_cmpuint (g_string_replace (edited, needle, replacement, 1), ==, 1);
  rewrite_file (path, edited->str);

  reloaded =
      wait_for (app, title_is, new_title, STEP_TIMEOUT_MS, "the change on disk to be reloaded");
  json_object_unref (reloaded);
  reloaded = wait_settled (app, "the reloaded graph to settle");
  g_assert_cmpint (json_object_get_int_member (reloaded, "loads"), ==, 2);
  assert_kept (reloaded, id, zoom);
  app_stop (app);
  remove_temp_dir (dir);
}

static gboolean
has_toast (JsonObject *state, gpointer data)
{
  GPtrArray *seen = data;
  JsonArray *toasts = json_object_get_array_member (state, "toasts");

  for (guint i = 0; i < json_array_get_length (toasts); i++)
    g_ptr_array_add (seen, g_strdup (json_array_get_string_element (toasts, i)));
  return seen->len > 0;
}

static void
test_broken_later_keeps_graph (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = copy_builtin_graph (dir);
  App             *app;
  g_autoptr (JsonObject) state = start_ready (&app, path);
  g_autoptr (JsonObject) after = NULL;
  g_autoptr (GPtrArray) toasts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = g_path_get_basename (path);
  const char      *toast;

  /* A curator saves a half-edited file: line 2 starts with a stray word. */
  rewrite_file (path, "{\n  oops \"format_version\": 1\n}\n");
  after = wait_for (app, has_toast, toasts, STEP_TIMEOUT_MS, "a toast about the broken file");

  /* The first error, located: the stray word is at line 2, column 3. */
  toast = g_ptr_array_index (toasts, 0);
  if (!g_str_has_suffix (path, "/speech.json") || !g_str_has_prefix (toast, name) ||
      !g_str_has_prefix (toast + strlen (name), ":2:3: "))
    g_error ("the toast “%s” does not give the first error as %s:2:3: message", toast, name);
  /* The graph stays. */
  g_assert_true (json_object_get_boolean_member (after, "ready"));
  g_assert_cmpstr (state_string (after, "graph_id"), ==, state_string (state, "graph_id"));
  g_assert_cmpuint (n_nodes (after), ==, n_nodes (state));
  g_assert_false (json_object_get_boolean_member (after, "status_page"));
  app_stop (app);
  remove_temp_dir (dir);
}

static gboolean
shows_status_page (JsonObject *state, gpointer data)
{
  return json_object_get_boolean_member (state, "window") &&
         json_object_get_boolean_member (state, "status_page");
}

static void
test_broken_start_status_page (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *expected = g_strdup ("broken.json:3:9: ");
  App             *app;
  g_autoptr (JsonObject) state = NULL;
  const char *problems;

  rewrite_file (path, "{\n  \"format_version\": 1,\n  \"id\": 42\n}\n");
  app = app_start (path);
  state = wait_for (app, shows_status_page, NULL, READY_TIMEOUT_MS, "the status page");

  problems = state_string (state, "problems");
  g_assert_nonnull (problems);
  if (strstr (problems, expected) == NULL)
    g_error ("the status page's problems do not locate the bad id (%s…): %s", expected, problems);
  g_assert_null (state_string (state, "graph_id"));
  g_assert_cmpuint (n_nodes (state), ==, 0);
  app_stop (app);
  remove_temp_dir (dir);
}

/* The visible window whose type name holds @type_part (e.g. "FileChooser"), or NULL. */
static JsonObject *
window_of_type (JsonObject *state, const char *type_part)
{
  JsonArray *windows = json_object_get_array_member (state, "windows");

  for (guint i = 0; i < json_array_get_length (windows); i++)
    {
      JsonObject *window = json_array_get_object_element (windows, i);

      if (strstr (json_object_get_string_member (window, "type"), type_part) != NULL)
        return window;
    }
  return NULL;
}

static gboolean
has_file_chooser (JsonObject *state, gpointer data)
{
  return window_of_type (state, "FileChooser") != NULL;
}

/* What a file dialog must show before the next key: it is the active window, the focus is in
 * a widget whose type chain holds @focus, and (unless NULL) the focused field reads @text. */
typedef struct
{
  const char *focus;
  const char *text;
} ChooserState;

static gboolean
chooser_is (JsonObject *state, gpointer data)
{
  const ChooserState *want = data;
  JsonObject         *chooser = window_of_type (state, "FileChooser");
  const char         *focus, *text;

  if (chooser == NULL || !json_object_get_boolean_member (chooser, "active"))
    return FALSE;
  focus = state_string (chooser, "focus");
  text = state_string (chooser, "text");
  return focus != NULL && strstr (focus, want->focus) != NULL &&
         (want->text == NULL || g_strcmp0 (text, want->text) == 0);
}

static gboolean
chooser_closed (JsonObject *state, gpointer data)
{
  return !has_file_chooser (state, NULL);
}

/* Presses Return in the file dialog until it closes. GTK's chooser may still be reading the
 * typed folder when the first Return arrives and then ignores it; a person, seeing the dialog
 * still open with their path in it, presses Return again. */
static void
confirm_chooser (App *app)
{
  gint64 end = g_get_monotonic_time () + (gint64)STEP_TIMEOUT_MS * 1000;

  for (;;)
    {
      JsonObject *state;
      gboolean    closed;

      xdo ("key Return");
      for (guint i = 0; i < 20; i++)
        {
          state = app_state (app);
          closed = chooser_closed (state, NULL);
          json_object_unref (state);
          if (closed)
            return;
          sleep_ms (50);
        }
      if (g_get_monotonic_time () > end)
        json_object_unref (wait_for (app, chooser_closed, NULL, 0, "the dialog to close"));
    }
}

/* Types @path into the file dialog's focused name field, over what it holds, and presses
 * Return once the field reads exactly @path. */
static void
type_path_into_chooser (App *app, const char *path)
{
  ChooserState typed = { "GtkText", path };

  xdo ("key ctrl+a");
  xdo ("type --delay 5 %s", path);
  json_object_unref (wait_for (app, chooser_is, &typed, STEP_TIMEOUT_MS, "the path to be typed"));
  confirm_chooser (app);
}

/* Focuses the dialog titled @title (no window manager does it) and waits until it has taken the
 * focus and put it in a widget of type @focus. */
static void
focus_chooser (App *app, const char *title, const char *focus)
{
  ChooserState     ready = { focus, NULL };
  g_autofree char *search = g_strdup_printf ("search --onlyvisible --name \"%s\"", title);
  g_autofree char *ids = NULL;
  g_auto (GStrv) lines = NULL;

  json_object_unref (wait_for (app, has_file_chooser, NULL, STEP_TIMEOUT_MS, title));
  ids = xdo_output (search);
  lines = g_strsplit (g_strstrip (ids), "\n", -1);
  g_assert_nonnull (lines[0]);
  g_assert_cmpstr (lines[0], !=, "");
  xdo ("windowfocus --sync %s", lines[0]);
  json_object_unref (wait_for (app, chooser_is, &ready, STEP_TIMEOUT_MS, title));
}

/* The focus chain of the main window ("GtkToggleButton<GtkMenuButton<GtkBox"), or NULL. */
static const char *
main_focus (JsonObject *state)
{
  JsonObject *window = window_of_type (state, "TupuWindow");

  return window != NULL ? state_string (window, "focus") : NULL;
}

static const char *
main_focus_id (JsonObject *state)
{
  JsonObject *window = window_of_type (state, "TupuWindow");

  return window != NULL ? state_string (window, "focus_id") : NULL;
}

/* The main window is active again and its focus is on @data (a type in the chain), not lost on
 * a closed menu's insides. */
static gboolean
main_focus_is (JsonObject *state, gpointer data)
{
  JsonObject *window = window_of_type (state, "TupuWindow");
  const char *focus = main_focus (state);

  return window != NULL && json_object_get_boolean_member (window, "active") && focus != NULL &&
         strstr (focus, "Popover") == NULL && strstr (focus, data) != NULL;
}

static gboolean
menu_shows (JsonObject *state, gpointer data)
{
  JsonArray *items = json_object_get_array_member (state, "menu");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    if (g_strcmp0 (json_array_get_string_element (items, i), data) == 0)
      return TRUE;
  return FALSE;
}

/* Presses @key and waits until the open menu shows the item @item. */
typedef struct
{
  const char *item;
  char       *last; /* the menu's items at the previous look */
} MenuWait;

/* The menu shows @item and has stopped changing: a submenu has finished sliding in, so the
 * next key goes to it (and the menu is not closed in the middle of its transition). */
static gboolean
menu_settled_on (JsonObject *state, gpointer data)
{
  MenuWait *wait = data;
  g_autoptr (JsonNode) node =
      json_node_init_array (json_node_alloc (), json_object_get_array_member (state, "menu"));
  g_autofree char *items = json_to_string (node, FALSE);
  gboolean         same = g_strcmp0 (items, wait->last) == 0;

  g_free (wait->last);
  wait->last = g_steal_pointer (&items);
  return same && menu_shows (state, (gpointer)wait->item);
}

/* Presses @key and waits until the open menu shows the item @item, settled. */
static void
menu_key (App *app, const char *key, const char *item)
{
  MenuWait wait = { item, NULL };

  xdo ("key %s", key);
  json_object_unref (wait_for (app, menu_settled_on, &wait, STEP_TIMEOUT_MS, item));
  g_free (wait.last);
}

static gboolean
menu_closed (JsonObject *state, gpointer data)
{
  JsonArray *items = json_object_get_array_member (state, "menu");

  return items == NULL || json_array_get_length (items) == 0;
}

/* A right click on a concept selects it and opens its menu; Copy Chinese Label (by its
 * mnemonic) puts the label on the clipboard. Shift+F10 opens the same menu from the keyboard. */
static void
test_context_menu (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) clipboard = NULL;
  g_autoptr (JsonObject) shown = NULL;
  MenuWait         wait = { "Copy Chinese Label", NULL };
  Rect             r;
  g_autofree char *id = pick_visible_node (state, &r);
  int              x, y;

  to_screen (app, r.x + r.width / 2, r.y + r.height / 2, &x, &y);
  xdo ("mousemove %d %d click 3", x, y);
  shown = wait_for (app, menu_settled_on, &wait, STEP_TIMEOUT_MS, "the concept's menu");
  g_clear_pointer (&wait.last, g_free);
  g_assert_cmpstr (state_string (shown, "selected"), ==, id);
  xdo ("key c");
  json_object_unref (wait_for (app, menu_closed, NULL, STEP_TIMEOUT_MS, "the menu to close"));
  clipboard = app_command (app, "clipboard");
  g_assert_cmpstr (state_string (clipboard, "text"), ==,
                   state_string (json_object_get_object_member (shown, "detail"), "label"));

  xdo ("mousemove %d %d", x + 2000, y); /* no hover tooltip in the way */
  menu_key (app, "shift+F10", "Copy English Gloss");
  xdo ("key Escape");
  json_object_unref (wait_for (app, menu_closed, NULL, STEP_TIMEOUT_MS, "the menu to close"));
  app_stop (app);
}

static gboolean
file_is (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) && g_strcmp0 (state_string (state, "file"), data) == 0;
}

static void
test_open_dialog (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = copy_builtin_graph (dir);
  App             *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) opened = NULL;

  /* Ctrl+L opens the location entry, where a person types the path. */
  xdo ("key ctrl+o");
  focus_chooser (app, "Open Graph", "Gtk");
  xdo ("key ctrl+l");
  {
    ChooserState location = { "GtkFileChooserEntry", NULL };

    json_object_unref (
        wait_for (app, chooser_is, &location, STEP_TIMEOUT_MS, "the location entry"));
  }
  type_path_into_chooser (app, path);
  opened = wait_for (app, file_is, path, STEP_TIMEOUT_MS, "the chosen file to open");
  g_assert_cmpuint (n_nodes (opened), ==, overview_size ());
  g_assert_false (has_file_chooser (opened, NULL));
  app_stop (app);
  remove_temp_dir (dir);
}

static gboolean
has_export_toast (JsonObject *state, gpointer data)
{
  JsonArray *toasts = json_object_get_array_member (state, "toasts");

  for (guint i = 0; i < json_array_get_length (toasts); i++)
    if (g_strcmp0 (json_array_get_string_element (toasts, i), data) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export_svg (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *graph = copy_builtin_graph (dir);
  g_autofree char *path = g_build_filename (dir, "graph.svg", NULL);
  App             *app;
  g_autoptr (JsonObject) state = start_ready (&app, graph);
  g_autoptr (JsonObject) done = NULL;
  g_autofree char *svg = NULL;

  /* The primary menu from the keyboard: F10, then the mnemonic of Export as SVG (a flat
   * section: no submenu to leave the focus behind). The menu is built as it opens. */
  g_assert_false (json_object_get_boolean_member (state, "menu_built"));
  menu_key (app, "F10", "Export as SVG…");
  xdo ("key s");
  /* The dialog opens beside the graph's file with a name suggested and selected: a person
   * types the name over it. (Typing a whole path into it makes GTK 4.8 complete every folder
   * of /tmp, where its file chooser leaks a few bytes now and then.) */
  focus_chooser (app, "Export as SVG", "GtkText");
  type_path_into_chooser (app, "graph.svg");

  done = wait_for (app, has_export_toast, "Exported “graph.svg”", STEP_TIMEOUT_MS,
                   "the export to finish");
  svg = read_file (path);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "xml:lang=\"zh-CN\""));
  app_stop (app);
  remove_temp_dir (dir);
}

/* With a branch shown (Alt+Down), the export dialog suggests a name that says which: the
 * graph's id and the branch's, as a slide of the Six Musts would be named. */
static void
test_export_branch_name (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  ChooserState suggested = { "GtkText", "theme-education-2023-part-2.svg" };
  Rect         r;

  g_assert_true (node_rect (state, "part-2", &r));
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (wait_settled (app, "part-2 to be selected"));
  xdo ("key alt+Down");
  json_object_unref (
      wait_for (app, shows_branch, "part-2", STEP_TIMEOUT_MS, "the branch of part-2 alone"));
  menu_key (app, "F10", "Export as SVG…");
  xdo ("key s");
  focus_chooser (app, "Export as SVG", "GtkText");
  json_object_unref (
      wait_for (app, chooser_is, &suggested, STEP_TIMEOUT_MS, "the branch's name suggested"));
  xdo ("key Escape");
  json_object_unref (wait_for (app, chooser_closed, NULL, STEP_TIMEOUT_MS, "the dialog to close"));
  app_stop (app);
}

/* Escape in the export dialog: the dialog goes, the focus is back on the menu's button (not on
 * the closed menu), and the keyboard goes on from there: Tab moves it, Ctrl+O opens. */
static void
test_export_escape (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) back = NULL;
  g_autoptr (JsonObject) moved = NULL;

  menu_key (app, "F10", "Export as PNG…");
  xdo ("key p");
  focus_chooser (app, "Export as PNG", "GtkText");
  xdo ("key Escape");
  json_object_unref (wait_for (app, chooser_closed, NULL, STEP_TIMEOUT_MS, "the dialog to close"));
  /* No window manager gives the focus back to the main window: do it as one would. */
  xdo ("windowfocus --sync %s", app->window_id);
  back = wait_for (app, main_focus_is, "GtkMenuButton", STEP_TIMEOUT_MS,
                   "the focus back on the menu button");
  xdo ("key shift+Tab");
  /* Which widget, not which type: the neighbour may be another menu button (the legend). */
  moved = wait_for (app, focus_moved_from, (gpointer)main_focus_id (back), STEP_TIMEOUT_MS,
                    "Shift+Tab to move the focus");
  g_assert_true (main_focus_is (moved, "Gtk"));
  xdo ("key ctrl+o");
  focus_chooser (app, "Open Graph", "Gtk");
  app_stop (app);
}

typedef struct
{
  const char *id;
  Rect        before;
} MovedData;

static gboolean
node_moved (JsonObject *state, gpointer data)
{
  MovedData *moved = data;
  Rect       now;

  return is_ready (state, NULL) && node_rect (state, moved->id, &now) &&
         (fabs (now.x - moved->before.x) > 2 || fabs (now.y - moved->before.y) > 2 ||
          fabs (now.width - moved->before.width) > 2);
}

static void
test_layout_engine (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) after = NULL;
  MovedData        moved = { NULL };
  g_autofree char *id = pick_visible_node (state, &moved.before);
  guint            n_before = n_nodes (state);

  /* Primary menu → Spring (neato) in its Layout section, by its mnemonic. */
  moved.id = id;
  menu_key (app, "F10", "Spring (neato)");
  xdo ("key n");

  after = wait_for (app, node_moved, &moved, READY_TIMEOUT_MS, "the graph to be laid out again");
  g_assert_false (json_object_get_boolean_member (after, "layout_pending"));
  g_assert_cmpuint (n_nodes (after), ==, n_before);
  /* The menu closed with the focus back on its button, from where Tab goes on. */
  json_object_unref (wait_for (app, main_focus_is, "GtkMenuButton", STEP_TIMEOUT_MS,
                               "the focus back on the menu button"));
  app_stop (app);
}

static gboolean
is_selected (JsonObject *state, gpointer data)
{
  return g_strcmp0 (state_string (state, "selected"), data) == 0;
}

/* With nothing selected the detail pane offers the root and its parts; a click on a part
 * selects it. */
static void
assert_start_page (App *app, JsonObject *state)
{
  JsonObject *detail = json_object_get_object_member (state, "detail");
  JsonArray  *links = json_object_get_array_member (detail, "links");
  JsonObject *part = NULL;

  g_assert_null (state_string (detail, "node_id"));
  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = json_array_get_object_element (links, i);

      if (g_strcmp0 (json_object_get_string_member (link, "id"), "part-1") == 0 &&
          json_object_get_boolean_member (link, "visible"))
        part = link;
    }
  g_assert_cmpuint (json_array_get_length (links), >=, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 0), "id"),
                   ==, "report");
  g_assert_nonnull (part);
  click_at (app,
            json_object_get_double_member (part, "x") +
                json_object_get_double_member (part, "width") / 2,
            json_object_get_double_member (part, "y") +
                json_object_get_double_member (part, "height") / 2);
  json_object_unref (wait_for (app, is_selected, "part-1", STEP_TIMEOUT_MS,
                               "part-1 to be selected from the start page"));
}

/* A tree of @n_parts parts of @fanout points each under one report, with a cross-link from every
 * point to the next part: written to @dir, its path returned. */
static char *
write_tree_graph (const char *dir, guint n_parts, guint fanout)
{
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (GString) edges = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, "tree.json", NULL);
  guint            next = 1;

#define NODE                                                                                       \
  "%s{\"id\": \"n%u\", \"kind\": \"%s\", \"label\": {\"zh\": \"概念%u\", \"en\": \"concept "     \
  "%u\"}, "                                                                                        \
  "\"label_origin\": \"editorial\", \"summary\": {\"zh\": \"摘要。\", \"en\": \"Summary.\"}, "  \
  "\"sources\": [{\"citation\": \"generated\"}]}"
#define EDGE "%s{\"source\": \"n%u\", \"target\": \"n%u\", \"relation\": \"%s\"}"

  g_string_append (json, "{\"format_version\": 1, \"id\": \"tree\", \"title\": {\"zh\": \"大图\", "
                         "\"en\": \"Large\"}, \"languages\": [\"zh\", \"en\"], \"nodes\": [");
  g_string_append_printf (json, NODE, "", 0, "report", 0, 0);
  for (guint p = 0; p < n_parts; p++)
    {
      guint part = next++;

      g_string_append_printf (json, NODE, ",", part, "part", part, part);
      g_string_append_printf (edges, EDGE, edges->len > 0 ? "," : "", part, 0, "part-of");
      for (guint i = 0; i < fanout; i++, next++)
        {
          g_string_append_printf (json, NODE, ",", next, "point", next, next);
          g_string_append_printf (edges, EDGE, ",", next, part, "part-of");
          if (p + 1 < n_parts && i == 0)
            g_string_append_printf (edges, EDGE, ",", next, part + fanout + 1, "relates-to");
        }
    }
  g_string_append_printf (json, "], \"edges\": [%s]}", edges->str);
#undef NODE
#undef EDGE
  rewrite_file (path, json->str);
  return g_steal_pointer (&path);
}

static gboolean
has_engine (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) && g_strcmp0 (state_string (state, "layout_engine"), data) == 0;
}

static gboolean
subtitle_has (JsonObject *state, gpointer data)
{
  const char *subtitle = state_string (state, "subtitle");

  return subtitle != NULL && strstr (subtitle, data) != NULL;
}

/* Clicks the header bar's layout control (as @state places it) and waits for it to open. */
static JsonObject *
open_layout_control (App *app, JsonObject *state)
{
  JsonObject *button = json_object_get_object_member (state, "layout_button");

  click_at (app,
            json_object_get_double_member (button, "x") +
                json_object_get_double_member (button, "width") / 2,
            json_object_get_double_member (button, "y") +
                json_object_get_double_member (button, "height") / 2);
  return wait_for (app, menu_shows, "Circular (circo)", STEP_TIMEOUT_MS, "the layout control");
}

static void
close_layout_control (App *app)
{
  xdo ("key Escape");
  json_object_unref (wait_for (app, menu_closed, NULL, STEP_TIMEOUT_MS, "the control to close"));
}

/* Large graphs never open blank: expanded in full, 4,950 concepts are too many for dot (the
 * default), so Tupu lays them out with sfdp, says so in the subtitle while it works and after, and
 * every concept is drawn and selectable. */
static void
test_layout_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tupu-large-XXXXXX", NULL);
  g_autofree char *path = write_tree_graph (dir, 49, 100);
  g_autofree char *id = NULL;
  App             *app;
  g_autoptr (JsonObject) state = start_ready (&app, path);
  g_autoptr (JsonObject) expanded = NULL;
  g_autoptr (JsonObject) shown = NULL;

  g_assert_cmpstr (state_string (state, "layout_engine"), ==, "dot");
  /* The layout control, opened on the first view, greys out nothing. */
  shown = open_layout_control (app, state);
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (shown, "unavailable_engines")), ==, 0);
  close_layout_control (app);
  xdo ("key ctrl+shift+e");
  /* While it works, the subtitle names the engine at work, not the one chosen. */
  json_object_unref (wait_for (app, subtitle_has, "Laying out with sfdp", timeout_ms (60000),
                               "the subtitle to say that sfdp is at work"));
  expanded = wait_for (app, has_engine, "sfdp", timeout_ms (300000), "sfdp to lay out the graph");
  g_assert_cmpuint (n_nodes (expanded), ==, 1 + 49 + 49 * 100);
  g_assert_nonnull (strstr (state_string (expanded, "subtitle"), "sfdp"));
  /* The layout control says which engines cannot take it: all but sfdp and twopi. */
  g_clear_pointer (&shown, json_object_unref);
  shown = open_layout_control (app, expanded);
  g_assert_cmpuint (
      json_array_get_length (json_object_get_array_member (shown, "unavailable_engines")), ==, 4);
  close_layout_control (app);
  select_by_click (app, expanded, &id);
  app_stop (app);
  g_assert_no_errno (g_unlink (path));
  g_assert_no_errno (g_rmdir (dir));
}

/* A window with nothing moving draws no frames: the loading page's spinner, hidden in its stack
 * but still spinning, once drew one every 16 ms for as long as the window was open. A few are
 * allowed for what the first view may still finish (a tooltip, a focus ring). */
static void
assert_at_rest (App *app)
{
  g_autoptr (JsonObject) before = NULL;
  g_autoptr (JsonObject) after = NULL;
  gint64 frames;

  sleep_ms (500);
  before = app_state (app);
  sleep_ms (1000);
  after = app_state (app);
  frames =
      json_object_get_int_member (after, "frames") - json_object_get_int_member (before, "frames");
  if (frames > 5)
    g_error ("the window drew %" G_GINT64_FORMAT " frames in a second with nothing moving", frames);
}

/* Readable at a glance: the speech opens on the report and its parts, fitted, every label big
 * enough to read as text (the painter draws bars below 4 px; a reader wants 9 px or more), and
 * the keyboard already on the graph. */
static void
test_first_view (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  JsonObject *nodes = json_object_get_object_member (state, "nodes");
  g_autoptr (GList) ids = json_object_get_members (nodes);
  JsonObject *window = window_of_type (state, "TupuWindow");
  Rect        view = view_rect (state);

  g_assert_cmpuint (n_nodes (state), ==, overview_size ());
  assert_every_node_inside (state, &view, "on first show");
  for (GList *l = ids; l != NULL; l = l->next)
    {
      JsonArray *node = json_object_get_array_member (nodes, l->data);

      if (json_array_get_double_element (node, 4) < 9.0)
        g_error ("the label of %s is %.1f px on screen: not readable", (char *)l->data,
                 json_array_get_double_element (node, 4));
    }
  g_assert_nonnull (window);
  g_assert_true (g_str_has_prefix (state_string (window, "focus"), "TupuGraphView"));
  /* Laid out as it loaded, off the main thread: the view had nothing left to lay out. And
   * loaded while GTK started, not by the window: its first frame does not wait for the load. */
  g_assert_cmpint (json_object_get_int_member (state, "layouts_computed"), ==, 0);
  g_assert_true (json_object_get_boolean_member (state, "preloaded"));
  assert_at_rest (app);
  assert_start_page (app, state);
  assert_han_has_language (state, "the first view");
  /* The main menu, the outline, the speech, a concept's page in the details and the search
   * results are built when first shown (they held back the first frame). */
  g_assert_false (json_object_get_boolean_member (state, "menu_built"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (state, "detail"),
                                                  "concept_page_built"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (state, "search"),
                                                  "panel_built"));
  g_assert_false (
      json_object_get_boolean_member (json_object_get_object_member (state, "outline"), "built"));
  g_assert_false (
      json_object_get_boolean_member (json_object_get_object_member (state, "reading"), "built"));
  app_stop (app);
}

static gboolean
badge_rect (JsonObject *state, const char *id, Rect *rect)
{
  return member_rect (state, "badges", id, rect);
}

static gboolean
shows_more_than (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) && n_nodes (state) > GPOINTER_TO_UINT (data);
}

static void
assert_kept_in_place (JsonObject *state, const char *id, const Rect *before, const char *what)
{
  Rect after;

  g_assert_true (node_rect (state, id, &after));
  if (fabs (after.x + after.width / 2 - (before->x + before->width / 2)) > 2 ||
      fabs (after.y + after.height / 2 - (before->y + before->height / 2)) > 2)
    g_error ("%s moved %s from (%.1f, %.1f) to (%.1f, %.1f)", what, id,
             before->x + before->width / 2, before->y + before->height / 2,
             after.x + after.width / 2, after.y + after.height / 2);
}

/* Every concept @after shows and @before did not lies within the canvas. */
static void
assert_new_nodes_shown (JsonObject *before, JsonObject *after, const char *what)
{
  JsonObject *old_nodes = json_object_get_object_member (before, "nodes");
  Rect        view = view_rect (after);
  g_autoptr (GList) ids = json_object_get_members (json_object_get_object_member (after, "nodes"));

  /* The probe's node rectangles are in the same surface coordinates as the view's. */
  for (GList *l = ids; l != NULL; l = l->next)
    {
      Rect rect;

      if (json_object_has_member (old_nodes, l->data))
        continue;
      g_assert_true (node_rect (after, l->data, &rect));
      if (!rect_contains (&view, &rect, 1))
        g_error (
            "%s left %s at (%.0f, %.0f, %.0fx%.0f), outside the canvas (%.0f, %.0f, %.0fx%.0f)",
            what, (const char *)l->data, rect.x, rect.y, rect.width, rect.height, view.x, view.y,
            view.width, view.height);
    }
}

/* A click on a part's badge unfolds its points there, the part staying where it was on screen
 * (±2 px) and the view zooming out around it until its points show; selecting it and pressing
 * − folds them again, still in place. */
static void
test_fold_badge (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) expanded = NULL;
  g_autoptr (JsonObject) selected = NULL;
  g_autoptr (JsonObject) collapsed = NULL;
  guint shown = n_nodes (state);
  Rect  part, badge;

  g_assert_true (node_rect (state, "part-1", &part));
  g_assert_true (badge_rect (state, "part-1", &badge));
  click_at (app, badge.x + badge.width / 2, badge.y + badge.height / 2);
  expanded = wait_for (app, shows_more_than, GUINT_TO_POINTER (shown), STEP_TIMEOUT_MS,
                       "part-1 to unfold");
  json_object_unref (expanded);
  expanded = wait_settled (app, "the unfolded graph to settle");
  assert_kept_in_place (expanded, "part-1", &part, "unfolding");
  assert_new_nodes_shown (state, expanded, "unfolding part-1");
  g_assert_false (badge_rect (expanded, "part-1", &badge));

  click_at (app, part.x + part.width / 2, part.y + part.height / 2);
  selected = wait_for (app, is_selected, "part-1", STEP_TIMEOUT_MS, "part-1 to be selected");
  xdo ("key minus");
  collapsed = wait_for (app, shows_nodes, GUINT_TO_POINTER (shown), STEP_TIMEOUT_MS,
                        "part-1 to fold again");
  json_object_unref (collapsed);
  collapsed = wait_settled (app, "the folded graph to settle");
  assert_kept_in_place (collapsed, "part-1", &part, "folding");
  g_assert_true (badge_rect (collapsed, "part-1", &badge));
  app_stop (app);
}

/* What a reader unfolded is there again after a restart. */
static void
test_fold_restart (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) expanded = NULL;
  g_autoptr (JsonObject) again = NULL;
  Rect  badge;
  guint n_expanded;

  g_assert_true (badge_rect (state, "part-2", &badge));
  click_at (app, badge.x + badge.width / 2, badge.y + badge.height / 2);
  expanded = wait_for (app, shows_more_than, GUINT_TO_POINTER (n_nodes (state)), STEP_TIMEOUT_MS,
                       "part-2 to unfold");
  n_expanded = n_nodes (expanded);
  app_stop (app);

  again = start_ready (&app, NULL);
  g_assert_cmpuint (n_nodes (again), ==, n_expanded);
  g_assert_false (badge_rect (again, "part-2", &badge));
  app_stop (app);
}

static gboolean
all_links_shown (JsonObject *state, gpointer data)
{
  return json_object_get_boolean_member (state, "show_all_links") == GPOINTER_TO_INT (data);
}

/* Cross-links are drawn on demand: Ctrl+Shift+L shows them all, and again hides them. */
static void
test_links_toggle (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);

  g_assert_false (json_object_get_boolean_member (state, "show_all_links"));
  xdo ("key ctrl+shift+l");
  json_object_unref (
      wait_for (app, all_links_shown, GINT_TO_POINTER (TRUE), STEP_TIMEOUT_MS, "all links"));
  xdo ("key ctrl+shift+l");
  json_object_unref (wait_for (app, all_links_shown, GINT_TO_POINTER (FALSE), STEP_TIMEOUT_MS,
                               "only the selection's links"));
  app_stop (app);
}

/* Windows, single instance, files changed where no monitor sees */

/* The windows of Tupu (not dialogs) in the probe's list of toplevels on screen. */
static guint
count_tupu_windows (JsonObject *state)
{
  JsonArray *windows = json_object_get_array_member (state, "windows");
  guint      n = 0;

  for (guint i = 0; i < json_array_get_length (windows); i++)
    n += g_strcmp0 (state_string (json_array_get_object_element (windows, i), "type"),
                    "TupuWindow") == 0;
  return n;
}

static gboolean
has_tupu_windows (JsonObject *state, gpointer data)
{
  return count_tupu_windows (state) == GPOINTER_TO_UINT (data);
}

static gboolean
has_window_for (JsonObject *state, gpointer data)
{
  JsonArray *windows = json_object_get_array_member (state, "windows");

  for (guint i = 0; i < json_array_get_length (windows); i++)
    {
      JsonObject *window = json_array_get_object_element (windows, i);

      if (g_strcmp0 (state_string (window, "type"), "TupuWindow") == 0 &&
          g_strcmp0 (state_string (window, "file"), data) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(gboolean *)user_data = g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
}

/* Whether @process exits within @timeout_ms (it is killed if not). */
static gboolean
wait_exit (GSubprocess *process, int timeout_ms)
{
  gboolean exited = FALSE;
  gint64   end = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  g_subprocess_wait_async (process, NULL, wait_cb, &exited);
  while (!exited && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  if (!exited)
    g_subprocess_force_exit (process);
  return exited;
}

/* `tupu FILE` while Tupu runs: the running instance opens FILE in a new window, and the second
 * process exits at once without a window of its own. */
static void
test_single_instance (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *first = copy_builtin_graph (dir);
  g_autofree char *second = g_build_filename (dir, "second.tupu.json", NULL);
  g_autofree char *contents = read_file (first);
  g_autofree char *tupu = g_build_filename (g_getenv ("TUPU_BUILD_DIR"), "src", "tupu", NULL);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) state = NULL;
  App *app;

  rewrite_file (second, contents);
  /* The probed app owns the application's name on this test's own session bus (the variable
   * means nothing to the second, real tupu). */
  g_setenv ("TUPU_PROBED_UNIQUE", "1", TRUE);
  json_object_unref (start_ready (&app, first));

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, tupu, second, NULL);
  g_assert_no_error (error);
  if (!wait_exit (process, STEP_TIMEOUT_MS))
    g_error ("a second “tupu FILE” did not hand FILE to the running Tupu and exit");
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  state = wait_for (app, has_window_for, second, READY_TIMEOUT_MS,
                    "the running Tupu to open the second file in a window");
  g_assert_cmpuint (count_tupu_windows (state), ==, 2);
  g_assert_true (has_window_for (state, first));
  app_stop (app);
  remove_temp_dir (dir);
}

/* The X window of the app that is not @except, once there is one. */
static char *
other_window (App *app, const char *except)
{
  gint64 end = g_get_monotonic_time () + (gint64)STEP_TIMEOUT_MS * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *search = g_strdup_printf ("search --onlyvisible --pid %s",
                                                 g_subprocess_get_identifier (app->process));
      g_autofree char *ids = xdo_output (search);
      g_auto (GStrv) lines = g_strsplit (g_strstrip (ids), "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *query = g_strdup_printf ("getwindowgeometry --shell %s", lines[i]);
          g_autofree char *geometry = NULL;

          if (*lines[i] == '\0' || g_str_equal (lines[i], except))
            continue;
          /* GTK's 1×1 client leader window is not one. */
          geometry = xdo_output (query);
          if (strstr (geometry, "WIDTH=1\n") == NULL)
            return g_strdup (lines[i]);
        }
      sleep_ms (100);
    }
  g_error ("no second window of the app appeared");
}

/* Ctrl+N opens a window, Ctrl+W closes the focused one, Ctrl+Q quits. */
static void
test_new_close_quit (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autofree char *second = NULL;

  xdo ("key ctrl+n");
  json_object_unref (wait_for (app, has_tupu_windows, GUINT_TO_POINTER (2), READY_TIMEOUT_MS,
                               "Ctrl+N to open a second window"));
  second = other_window (app, app->window_id);
  xdo ("windowfocus --sync %s", second);
  xdo ("key ctrl+w");
  json_object_unref (wait_for (app, has_tupu_windows, GUINT_TO_POINTER (1), STEP_TIMEOUT_MS,
                               "Ctrl+W to close the second window"));

  /* The first window is still there and working. */
  json_object_unref (state);
  state = wait_for (app, is_ready, NULL, STEP_TIMEOUT_MS, "the first window");
  xdo ("windowfocus --sync %s", app->window_id);
  xdo ("key ctrl+q");
  if (!wait_exit (app->process, STEP_TIMEOUT_MS))
    g_error ("Ctrl+Q did not quit Tupu");
  g_assert_true (g_subprocess_get_if_exited (app->process));
  g_assert_cmpint (g_subprocess_get_exit_status (app->process), ==, 0);
  g_clear_object (&app->in);
  g_clear_object (&app->out);
  g_clear_object (&app->process);
  g_free (app->window_id);
  g_free (app);
}

static gboolean
has_active_window_of_type (JsonObject *state, gpointer data)
{
  JsonObject *window = window_of_type (state, data);

  return window != NULL && json_object_get_boolean_member (window, "active");
}

/* Retitles the graph in @path, as a curator's editor would. */
static char *
retitle (const char *path, const char *old_title, const char *suffix)
{
  g_autofree char *contents = read_file (path);
  g_autoptr (GString) edited = g_string_new (contents);
  g_autofree char *needle = g_strdup_printf ("\"%s\"", old_title);
  char            *new_title = g_strconcat (old_title, suffix, NULL);
  g_autofree char *replacement = g_strdup_printf ("\"%s\"", new_title);

  g_assert_cmpuint (g_string_replace (edited, needle, replacement, 1), ==, 1);
  rewrite_file (path, edited->str);
  return new_title;
}

/* A file whose changes no monitor reports (the document portal's): Tupu still reloads it, by
 * itself while the window is shown, and when the window gains the focus. */
static void
test_portal_change (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = copy_builtin_graph (dir);
  App             *app;
  g_autoptr (JsonObject) state = start_ready (&app, path);
  JsonObject      *after;
  g_autofree char *title = g_strdup (state_string (state, "title"));
  g_autofree char *revised = NULL;
  g_autofree char *again = NULL;

  /* The periodic check. */
  json_object_unref (app_command (app, "blind-monitor"));
  revised = retitle (path, title, " (revised)");
  after = wait_for (app, title_is, revised, STEP_TIMEOUT_MS,
                    "the periodic check to reload the changed file");
  json_object_unref (after);

  /* Gaining the focus: with the periodic check stopped too, nothing reloads while another
   * window (the preferences) has the focus; coming back does. */
  json_object_unref (app_command (app, "blind-all"));
  again = retitle (path, revised, " again");
  xdo ("key ctrl+comma");
  after = wait_for (app, has_active_window_of_type, (gpointer) "Preferences", STEP_TIMEOUT_MS,
                    "the preferences to take the focus");
  g_assert_cmpstr (state_string (after, "title"), ==, revised);
  json_object_unref (after);
  xdo ("windowfocus --sync %s", app->window_id);
  after = wait_for (app, title_is, again, STEP_TIMEOUT_MS, "gaining the focus to reload the file");
  g_assert_cmpint (json_object_get_int_member (after, "loads"), ==, 3);
  json_object_unref (after);
  app_stop (app);
  remove_temp_dir (dir);
}

/* The X window's size, as X has it. */
static void
window_size (App *app, int *width, int *height)
{
  g_autofree char *query = g_strdup_printf ("getwindowgeometry --shell %s", app->window_id);
  g_autofree char *geometry = xdo_output (query);
  g_auto (GStrv) fields = g_strsplit (geometry, "\n", -1);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (g_str_has_prefix (fields[i], "WIDTH="))
        *width = atoi (fields[i] + 6);
      else if (g_str_has_prefix (fields[i], "HEIGHT="))
        *height = atoi (fields[i] + 7);
    }
}

/* A window resized, then closed with Ctrl+W (the last one: Tupu quits), opens at that size
 * next time: the size is kept in GSettings. */
static void
test_size_kept (void)
{
  g_autofree char *config = make_temp_dir ();
  App             *app;
  int              width = 0, height = 0;
  gint64           end;

  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  settings_backend = "keyfile";
  json_object_unref (start_ready (&app, NULL));
  window_size (app, &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 720);

  xdo ("windowsize --sync %s 900 600", app->window_id);
  end = g_get_monotonic_time () + (gint64)STEP_TIMEOUT_MS * 1000;
  while ((width != 900 || height != 600) && g_get_monotonic_time () < end)
    {
      sleep_ms (50);
      window_size (app, &width, &height);
    }
  g_assert_cmpint (width, ==, 900);
  /* Let GTK take the new size in before the window closes. */
  json_object_unref (wait_settled (app, "the resized window to settle"));
  xdo ("key ctrl+w");
  if (!wait_exit (app->process, STEP_TIMEOUT_MS))
    g_error ("closing the last window did not quit Tupu");
  g_clear_object (&app->in);
  g_clear_object (&app->out);
  g_clear_object (&app->process);
  g_free (app->window_id);
  g_free (app);

  json_object_unref (start_ready (&app, NULL));
  window_size (app, &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);
  app_stop (app);
  if (g_str_has_prefix (config, g_get_tmp_dir ()))
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", config);

      g_assert_cmpint (system (command), ==, 0);
    }
}

static gboolean
shows_progress (JsonObject *state, gpointer data)
{
  return json_object_get_boolean_member (state, "progress");
}

static gboolean
progress_gone (JsonObject *state, gpointer data)
{
  return !json_object_get_boolean_member (state, "progress") && is_ready (state, NULL);
}

/* A slow layout (circo on the whole speech takes seconds) shows a spinner and Cancel; Cancel
 * keeps the layout shown and goes back to its engine at once, without waiting for circo. */
static void
test_layout_cancel (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) expanded = NULL;
  g_autoptr (JsonObject) busy = NULL;
  g_autoptr (JsonObject) after = NULL;
  guint n_expanded;

  xdo ("key ctrl+shift+e");
  expanded = wait_for (app, shows_more_than, GUINT_TO_POINTER (n_nodes (state)), READY_TIMEOUT_MS,
                       "the whole graph");
  n_expanded = n_nodes (expanded);
  /* The header bar's layout control, its row by mnemonic (the main menu's Layout section does
   * the same: app/layout/engine). */
  json_object_unref (open_layout_control (app, expanded));
  xdo ("key alt+c"); /* a popover, not a menu: its mnemonics take Alt */
  busy = wait_for (app, shows_progress, NULL, STEP_TIMEOUT_MS, "the layout's progress");
  g_assert_cmpstr (state_string (busy, "engine"), ==, "circo");
  g_assert_nonnull (strstr (state_string (busy, "subtitle"), "circo"));
  close_layout_control (app); /* it stays open for the direction */
  xdo ("key alt+c");
  after = wait_for (app, progress_gone, NULL, STEP_TIMEOUT_MS, "the layout to be cancelled");
  g_assert_cmpstr (state_string (after, "engine"), ==, "dot");
  g_assert_cmpstr (state_string (after, "layout_engine"), ==, "dot");
  g_assert_cmpuint (n_nodes (after), ==, n_expanded);
  /* The progress's spinner, hidden again, stopped with it. */
  assert_at_rest (app);
  app_stop (app);
}

/* Search (issue 14): Ctrl+F, type, Enter selects the concept, unfolding what hid it. */

static JsonObject *
search_of (JsonObject *state)
{
  return json_object_get_object_member (state, "search");
}

static gboolean
search_ready (JsonObject *state, gpointer data)
{
  JsonObject *search = search_of (state);

  return json_object_get_boolean_member (search, "open") &&
         json_object_get_boolean_member (search, "entry_focused");
}

typedef struct
{
  const char *query;
  const char *cursor; /* NULL: nothing matches */
} SearchShown;

/* The results of @query on screen, the cursor on @cursor, and every result marked on the graph
 * (on a box shown, or on the badge of the concept it is folded into). */
static gboolean
search_shows (JsonObject *state, gpointer data)
{
  const SearchShown *want = data;
  JsonObject        *search = search_of (state);
  gint64             n = json_object_get_int_member (search, "n_results");

  if (g_strcmp0 (state_string (search, "query"), want->query) != 0 ||
      g_strcmp0 (state_string (search, "cursor"), want->cursor) != 0)
    return FALSE;
  if (want->cursor == NULL)
    return n == 0 && json_object_get_boolean_member (search, "empty") &&
           json_object_get_int_member (search, "marked") == 0;
  return n > 0 && json_array_get_length (json_object_get_array_member (search, "rows")) > 0 &&
         json_object_get_int_member (search, "marked") == n &&
         json_object_get_int_member (search, "mark_boxes") +
                 json_object_get_int_member (search, "mark_badges") >
             0;
}

static gboolean
focus_text_is (JsonObject *state, gpointer data)
{
  JsonObject *window = window_of_type (state, "TupuWindow");

  return window != NULL && g_strcmp0 (state_string (window, "text"), data) == 0;
}

/* Polls until @predicate holds or @timeout_ms pass; FALSE then, without failing. */
static gboolean
poll_until (App *app, StatePredicate predicate, gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  for (;;)
    {
      g_autoptr (JsonObject) state = app_state (app);

      if (predicate (state, data))
        return TRUE;
      if (g_get_monotonic_time () > end)
        return FALSE;
      sleep_ms (30);
    }
}

/* Types @text into the focused entry, which reads @before, one character at a time. xdotool
 * types a character the keyboard map lacks (六) by binding it to a spare key for the moment of
 * the key press; when the app reads the press after xdotool has unbound the key, the character
 * never arrives (a race in xdotool, likelier under load). So each character is awaited in the
 * entry, and typed again only while the entry still reads what it read before it. */
static void
type_checked (App *app, const char *before, const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *ch = g_strndup (p, g_utf8_next_char (p) - p);
      g_autofree char *prefix = g_strdup_printf ("%s%.*s", before, (int)(p - text), text);
      g_autofree char *typed = g_strconcat (prefix, ch, NULL);
      for (int attempt = 0;; attempt++)
        {
          g_autoptr (JsonObject) state = NULL;

          xdo ("type '%s'", ch);
          if (poll_until (app, focus_text_is, typed, timeout_ms (2000)))
            break;
          state = app_state (app);
          if (attempt == 3 || !focus_text_is (state, prefix))
            g_error ("typed “%s” after “%s”, but the entry reads “%s”", ch, prefix,
                     state_string (window_of_type (state, "TupuWindow"), "text"));
        }
    }
}

/* Types @typed into the open search bar, which reads @before, and waits for its results:
 * @cursor first. */
static JsonObject *
search_type (App *app, const char *before, const char *typed, const char *cursor)
{
  g_autofree char *query = g_strconcat (before, typed, NULL);
  SearchShown      want = { query, cursor };
  g_autofree char *what = g_strdup_printf ("the results of “%s”", query);

  type_checked (app, before, typed);
  return wait_for (app, search_shows, &want, STEP_TIMEOUT_MS, what);
}

/* Ctrl+F, then @typed; the first result must be @id, shown highlighted as @highlight. */
static JsonObject *
search_for (App *app, const char *typed, const char *id, const char *label, const char *highlight)
{
  JsonObject *state;
  JsonObject *row;

  xdo ("key ctrl+f");
  json_object_unref (wait_for (app, search_ready, NULL, STEP_TIMEOUT_MS,
                               "the search bar to open with the keyboard in its entry"));
  state = search_type (app, "", typed, id);
  row = json_array_get_object_element (json_object_get_array_member (search_of (state), "rows"), 0);
  g_assert_cmpstr (state_string (row, "label"), ==, label);
  g_assert_cmpstr (state_string (row, "highlight"), ==, highlight);
  g_assert_true (json_object_get_boolean_member (row, "cursor"));
  return state;
}

/* Concept @data is shown whole inside the view, in its middle. */
static gboolean
centred_on (JsonObject *state, gpointer data)
{
  Rect view, r;

  if (!is_ready (state, NULL) || !node_rect (state, data, &r))
    return FALSE;
  view = view_rect (state);
  return rect_contains (&view, &r, 1) &&
         fabs (r.x + r.width / 2 - (view.x + view.width / 2)) <= 2 &&
         fabs (r.y + r.height / 2 - (view.y + view.height / 2)) <= 2;
}

/* Enter: @id is selected, unfolded into view and brought to the middle of it (and stays there),
 * and the keyboard stays in the entry for the next search. */
static void
search_enter_selects (App *app, const char *id)
{
  g_autoptr (JsonObject) settled = NULL;

  xdo ("key Return");
  json_object_unref (
      wait_for (app, shows_selected, (gpointer)id, STEP_TIMEOUT_MS, "Enter to select the result"));
  json_object_unref (
      wait_for (app, centred_on, (gpointer)id, STEP_TIMEOUT_MS, "the result in the middle"));
  settled = wait_settled (app, "the view to settle on the result");
  g_assert_cmpstr (state_string (settled, "selected"), ==, id);
  g_assert_true (centred_on (settled, (gpointer)id));
  g_assert_true (json_object_get_boolean_member (search_of (settled), "entry_focused"));
}

static gboolean
search_closed (JsonObject *state, gpointer data)
{
  JsonObject *search = search_of (state);

  return !json_object_get_boolean_member (search, "open") &&
         json_object_get_int_member (search, "marked") == 0 &&
         json_object_get_int_member (search, "mark_boxes") == 0 && focus_on_view (state, NULL);
}

/* 六个必须坚持 (six-musts) lies folded away in the overview the graph opens on. */
static JsonObject *
start_six_musts_hidden (App **app)
{
  JsonObject *state = start_ready (app, NULL);
  Rect        r;

  g_assert_false (node_rect (state, "six-musts", &r));
  return state;
}

static void
test_search_chinese (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_six_musts_hidden (&app);
  g_autoptr (JsonObject) found =
      search_for (app, "六个必须", "six-musts", "六个必须坚持", "六个必须");
  assert_han_has_language (found, "the search results");

  /* Folded away: marked on the badge of the part it is folded into. */
  g_assert_cmpint (json_object_get_int_member (search_of (found), "mark_badges"), >, 0);
  search_enter_selects (app, "six-musts");

  /* Escape: the bar closes, the marks go, the keyboard is back on the graph. */
  xdo ("key Escape");
  json_object_unref (wait_for (app, search_closed, NULL, STEP_TIMEOUT_MS,
                               "Escape to close the search and unmark the graph"));
  app_stop (app);
}

static void
test_search_english (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_six_musts_hidden (&app);
  g_autoptr (JsonObject) found =
      search_for (app, "Six Musts", "six-musts", "六个必须坚持", "Six Musts");

  /* Typed on past any concept: says so, and marks nothing. */
  json_object_unref (search_type (app, "Six Musts", "xq", NULL));
  xdo ("key BackSpace BackSpace");
  json_object_unref (wait_for (app, search_shows, &(SearchShown){ "Six Musts", "six-musts" },
                               STEP_TIMEOUT_MS, "the results again after BackSpace"));
  search_enter_selects (app, "six-musts");
  app_stop (app);
}

static void
test_search_pinyin (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_six_musts_hidden (&app);
  g_autoptr (JsonObject) found = search_for (app, "liuge", "six-musts", "六个必须坚持", "六个");

  search_enter_selects (app, "six-musts");
  app_stop (app);
}

static void
test_search_initials (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_six_musts_hidden (&app);
  g_autoptr (JsonObject) found =
      search_for (app, "lgbxjc", "six-musts", "六个必须坚持", "六个必须坚持");

  search_enter_selects (app, "six-musts");
  app_stop (app);
}

static gint
cursor_row (JsonObject *state)
{
  JsonArray *rows = json_object_get_array_member (search_of (state), "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (rows, i), "cursor"))
      return i;
  return -1;
}

static gboolean
cursor_on_row (JsonObject *state, gpointer data)
{
  return cursor_row (state) == GPOINTER_TO_INT (data);
}

/* Up and Down move among the results while the keyboard stays in the entry; Enter selects the
 * one under the cursor. */
static void
test_search_keys (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) moved = NULL;
  g_autofree char *third = NULL;
  JsonObject      *found;

  xdo ("key ctrl+f");
  json_object_unref (wait_for (app, search_ready, NULL, STEP_TIMEOUT_MS, "the search bar"));
  found = search_type (app, "", "renshe", "report");
  g_assert_cmpint (json_object_get_int_member (search_of (found), "n_results"), >=, 3);
  g_assert_cmpint (cursor_row (found), ==, 0);
  json_object_unref (found);

  xdo ("key Down Down");
  moved = wait_for (app, cursor_on_row, GINT_TO_POINTER (2), STEP_TIMEOUT_MS, "Down twice");
  third = g_strdup (state_string (search_of (moved), "cursor"));
  g_assert_cmpstr (third, !=, "report");
  g_assert_true (json_object_get_boolean_member (search_of (moved), "entry_focused"));
  search_enter_selects (app, third);
  xdo ("key Up");
  json_object_unref (wait_for (app, cursor_on_row, GINT_TO_POINTER (1), STEP_TIMEOUT_MS, "Up"));
  app_stop (app);
}

static gboolean
map_shown (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) &&
         json_object_has_member (json_object_get_object_member (state, "map"), "width") ==
             GPOINTER_TO_INT (data);
}

/* Zoomed in so that the graph does not fit, an overview map shows in the corner; a press on it
 * brings that part of the graph to the middle; fitted again, the map goes. */
static void
test_overview_map (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) zoomed = NULL;
  g_autoptr (JsonObject) moved = NULL;
  JsonObject *map;
  double      zoom;
  int         x, y;

  g_assert_false (json_object_has_member (json_object_get_object_member (state, "map"), "width"));
  xdo ("key equal equal equal");
  zoomed = wait_for (app, map_shown, GINT_TO_POINTER (TRUE), STEP_TIMEOUT_MS, "the map");
  json_object_unref (zoomed);
  zoomed = wait_settled (app, "the zoom to settle");
  map = json_object_get_object_member (zoomed, "map");
  zoom = json_object_get_double_member (zoomed, "zoom");
  /* The map's bottom-left corner: the view goes towards the graph's bottom left. */
  to_screen (app, json_object_get_double_member (map, "x") + 2,
             json_object_get_double_member (map, "y") +
                 json_object_get_double_member (map, "height") - 2,
             &x, &y);
  xdo ("mousemove %d %d click 1", x, y);
  moved = wait_settled (app, "the view to pan");
  g_assert_cmpfloat (json_object_get_double_member (moved, "zoom"), ==, zoom);
  g_assert_cmpstr (state_string (moved, "selected"), ==, NULL);
  /* The report, in the middle of the graph's height, went up by much of the view's height
   * (the probe reports concepts off screen too). */
  {
    Rect before, after;

    g_assert_true (node_rect (zoomed, "report", &before));
    g_assert_true (node_rect (moved, "report", &after));
    g_assert_cmpfloat (after.y, <, before.y - view_rect (moved).height / 3);
  }
  xdo ("key 0");
  json_object_unref (wait_for (app, map_shown, GINT_TO_POINTER (FALSE), STEP_TIMEOUT_MS,
                               "the map to hide when the graph fits"));
  app_stop (app);
}

/* The outline, the breadcrumb and the history (issue 14) */

/* Clicks node @id in the graph where the breadcrumb, floating over the graph's corner, does not
 * cover it. */
static void
click_in_node (App *app, JsonObject *state, const char *id)
{
  static const double fractions[] = { 0.5, 0.8, 0.2, 0.9, 0.1 };
  Rect                r, view = view_rect (state);

  g_assert_true (node_rect (state, id, &r));
  if (!rect_contains (&view, &r, 1))
    g_error ("node %s (%.0f,%.0f %.0f×%.0f) is not wholly in the view", id, r.x, r.y, r.width,
             r.height);
  for (guint j = 0; j < G_N_ELEMENTS (fractions); j++)
    for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
      {
        double x = r.x + r.width * fractions[i], y = r.y + r.height * fractions[j];

        if (!under_a_crumb (state, x, y))
          {
            click_at (app, x, y);
            return;
          }
      }
  g_error ("node %s lies under the breadcrumb", id);
}

/* The outline's row for @id on screen (scrolled into sight), or NULL. */
static JsonObject *
outline_row (JsonObject *state, const char *id)
{
  JsonArray *rows =
      json_object_get_array_member (json_object_get_object_member (state, "outline"), "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_strcmp0 (json_object_get_string_member (row, "id"), id) == 0 &&
          json_object_get_boolean_member (row, "visible"))
        return row;
    }
  return NULL;
}

static gboolean
outline_shown (JsonObject *state, gpointer data)
{
  JsonObject *outline = json_object_get_object_member (state, "outline");

  return json_object_get_boolean_member (outline, "shown") == GPOINTER_TO_INT (data) &&
         (!GPOINTER_TO_INT (data) || outline_row (state, "report") != NULL);
}

static void
click_row (App *app, JsonObject *row)
{
  /* Right of the expander and the chip, on the label. */
  click_at (app, json_object_get_double_member (row, "x") + 90,
            json_object_get_double_member (row, "y") +
                json_object_get_double_member (row, "height") / 2);
}

/* The graph, the detail pane, the outline and the breadcrumb all show @data selected; its row is
 * on screen and selected, and the breadcrumb ends with it. */
static gboolean
selected_everywhere (JsonObject *state, gpointer data)
{
  JsonObject *row = outline_row (state, data);
  JsonArray  *crumbs = json_object_get_array_member (state, "breadcrumb");
  guint       n = json_array_get_length (crumbs);

  return shows_selected (state, data) && row != NULL &&
         json_object_get_boolean_member (row, "selected") &&
         g_strcmp0 (state_string (json_object_get_object_member (state, "outline"), "selected"),
                    data) == 0 &&
         n > 0 &&
         g_strcmp0 (
             json_object_get_string_member (json_array_get_object_element (crumbs, n - 1), "id"),
             data) == 0;
}

static gboolean
row_expanded (JsonObject *state, gpointer data)
{
  JsonObject *row = outline_row (state, data);

  return row != NULL && json_object_get_boolean_member (row, "expanded");
}

static gboolean
row_shown (JsonObject *state, gpointer data)
{
  return outline_row (state, data) != NULL;
}

static gboolean
header_button_active (JsonObject *state, const char *action)
{
  JsonObject *header = json_object_get_object_member (state, "header");

  g_assert_true (json_object_has_member (header, action));
  return json_object_get_boolean_member (json_object_get_object_member (header, action), "active");
}

/* F9 shows the outline (the part-of tree, the report's parts open); a click on a row selects
 * its concept in the graph and the detail pane; Right opens a row, and a click on one of its
 * parts, folded away in the graph, unfolds it into view there. F9 hides the outline again, the
 * header bar's button shows it. */
static void
test_outline_select_row (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) shown = NULL;
  g_autoptr (JsonObject) selected = NULL;
  g_autoptr (JsonObject) opened = NULL;
  g_autoptr (JsonObject) deep = NULL;
  g_autoptr (JsonObject) hidden = NULL;
  Rect r, view;

  g_assert_false (
      json_object_get_boolean_member (json_object_get_object_member (state, "outline"), "shown"));
  g_assert_false (header_button_active (state, "win.toggle-outline"));
  xdo ("key F9");
  shown = wait_for (app, outline_shown, GINT_TO_POINTER (TRUE), STEP_TIMEOUT_MS,
                    "F9 to show the outline");
  assert_han_has_language (shown, "the outline");
  g_assert_true (header_button_active (shown, "win.toggle-outline"));
  g_assert_true (json_object_get_boolean_member (outline_row (shown, "report"), "expanded"));
  g_assert_cmpint (json_object_get_int_member (outline_row (shown, "part-2"), "depth"), ==, 1);
  g_assert_null (outline_row (shown, "point-2-1"));

  click_row (app, outline_row (shown, "part-2"));
  selected = wait_for (app, selected_everywhere, "part-2", STEP_TIMEOUT_MS,
                       "a click on the row of part-2 to select it");
  g_assert_true (node_rect (selected, "part-2", &r));
  g_assert_false (node_rect (selected, "point-2-1", &r));

  xdo ("key Right");
  opened = wait_for (app, row_shown, "point-2-1", STEP_TIMEOUT_MS, "Right to open part-2's row");
  g_assert_true (row_expanded (opened, "part-2"));
  click_row (app, outline_row (opened, "point-2-1"));
  deep = wait_for (app, selected_everywhere, "point-2-1", STEP_TIMEOUT_MS,
                   "a click on the row of point-2-1 to select it");
  json_object_unref (deep);
  deep = wait_settled (app, "point-2-1 to be unfolded into view");
  g_assert_cmpstr (state_string (deep, "selected"), ==, "point-2-1");
  g_assert_true (node_rect (deep, "point-2-1", &r));
  view = view_rect (deep);
  g_assert_true (rect_contains (&view, &r, 1));

  xdo ("key F9");
  hidden = wait_for (app, outline_shown, GINT_TO_POINTER (FALSE), STEP_TIMEOUT_MS, "F9 to hide it");
  g_assert_false (header_button_active (hidden, "win.toggle-outline"));
  {
    JsonObject *toggle = json_object_get_object_member (
        json_object_get_object_member (hidden, "header"), "win.toggle-outline");

    click_at (app, json_object_get_double_member (toggle, "x") + 10,
              json_object_get_double_member (toggle, "y") + 10);
  }
  json_object_unref (wait_for (app, selected_everywhere, "point-2-1", STEP_TIMEOUT_MS,
                               "the header button to show the outline, its selection kept"));
  app_stop (app);
}

static gboolean
focus_in_any_row (JsonObject *state, gpointer data)
{
  const char *focus = main_focus (state);

  return focus != NULL && strstr (focus, "GtkListItemWidget") != NULL;
}

/* The keyboard focus is on @data's row (in GTK 4.8, on its expander). */
static gboolean
focus_in_outline (JsonObject *state, gpointer data)
{
  const char *focus = main_focus (state);
  JsonObject *row = outline_row (state, data);

  return focus != NULL && strstr (focus, "GtkListItemWidget") != NULL && row != NULL &&
         json_object_get_boolean_member (row, "focused");
}

/* A selection made in the graph selects its row: one the outline shows, and one under a
 * collapsed row (a part's point, unfolded in the graph first), whose rows open to show it. */
static void
test_outline_follows_graph (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) shown = NULL;
  g_autoptr (JsonObject) unfolded = NULL;
  g_autoptr (JsonObject) deep = NULL;
  g_autoptr (JsonObject) tabbed = NULL;
  Rect r;

  xdo ("key F9");
  shown = wait_settled (app, "the outline to show");
  g_assert_true (outline_shown (shown, GINT_TO_POINTER (TRUE)));
  click_in_node (app, shown, "part-3");
  json_object_unref (wait_for (app, selected_everywhere, "part-3", STEP_TIMEOUT_MS,
                               "a click on part-3 in the graph to select its row"));

  g_assert_true (badge_rect (shown, "part-1", &r));
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (wait_for (app, shows_more_than, GUINT_TO_POINTER (n_nodes (shown)),
                               STEP_TIMEOUT_MS, "part-1 to unfold"));
  json_object_unref (wait_settled (app, "the unfolded graph to settle"));
  /* Unfolded in place, part-1's points may reach past the view: fit it all in. */
  xdo ("key ctrl+0");
  unfolded = wait_settled (app, "the graph to be fitted");
  g_assert_null (outline_row (unfolded, "xi-thought"));
  click_in_node (app, unfolded, "xi-thought");
  deep = wait_for (app, selected_everywhere, "xi-thought", STEP_TIMEOUT_MS,
                   "a click on xi-thought in the graph to open part-1's row and select its own");
  g_assert_true (row_expanded (deep, "part-1"));

  /* Shift+Tab from the graph, past the breadcrumb, into the outline: the focus lands on the
   * selected row, and the selection stays what it was. */
  key_until (app, "shift+Tab", focus_in_any_row, NULL, "the outline");
  tabbed = app_state (app);
  g_assert_true (selected_everywhere (tabbed, "xi-thought"));
  g_assert_true (focus_in_outline (tabbed, "xi-thought"));
  app_stop (app);
}

static gboolean
search_reads (JsonObject *state, gpointer data)
{
  return g_strcmp0 (state_string (json_object_get_object_member (state, "outline"), "search"),
                    data) == 0;
}

/* The keyboard in the outline: F6 from the graph reaches it (past an empty detail pane), typing
 * finds a row by the beginning of its label, Return goes back to the list, Right opens a row
 * and goes to its first part, Left to the parent; F6 goes on to the graph, Shift+F6 back. */
static void
test_outline_keyboard (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) found = NULL;

  xdo ("key F9");
  json_object_unref (wait_for (app, outline_shown, GINT_TO_POINTER (TRUE), STEP_TIMEOUT_MS, "F9"));
  tab_until (app, focus_on_view, NULL, "the graph");
  xdo ("key F6");
  json_object_unref (wait_for (app, focus_in_outline, "report", STEP_TIMEOUT_MS,
                               "F6 to put the focus on the outline's first row"));

  xdo ("type --delay 150 Ope");
  json_object_unref (wait_for (app, search_reads, "Ope", STEP_TIMEOUT_MS, "“Ope” typed"));
  found = wait_for (app, selected_everywhere, "introduction", STEP_TIMEOUT_MS,
                    "typing “Ope” to find “Opening overview”");
  xdo ("key Return");
  json_object_unref (wait_for (app, focus_in_outline, "introduction", STEP_TIMEOUT_MS,
                               "Return to end the search on its row"));

  xdo ("key Right");
  json_object_unref (
      wait_for (app, row_expanded, "introduction", STEP_TIMEOUT_MS, "Right to open"));
  xdo ("key Right");
  json_object_unref (wait_for (app, selected_everywhere, "campaign-aims", STEP_TIMEOUT_MS,
                               "Right again to go to the first part"));
  json_object_unref (
      wait_for (app, focus_in_outline, "campaign-aims", STEP_TIMEOUT_MS, "the focus to follow"));
  xdo ("key Left");
  json_object_unref (wait_for (app, selected_everywhere, "introduction", STEP_TIMEOUT_MS,
                               "Left to go to the parent"));

  xdo ("key F6");
  json_object_unref (wait_for (app, focus_on_view, NULL, STEP_TIMEOUT_MS, "F6 on to the graph"));
  xdo ("key shift+F6");
  json_object_unref (wait_for (app, focus_in_outline, "introduction", STEP_TIMEOUT_MS,
                               "Shift+F6 back to the outline's selected row"));
  app_stop (app);
}

static gboolean
history_is (JsonObject *state, gpointer data)
{
  JsonObject *history = json_object_get_object_member (state, "history");
  int         back = GPOINTER_TO_INT (data) / 10, forward = GPOINTER_TO_INT (data) % 10;

  return json_object_get_int_member (history, "back") == back &&
         json_object_get_int_member (history, "forward") == forward;
}

/* The visible area: the layout point in the middle of the view and the zoom. */
static void
visible_area (JsonObject *state, double area[3])
{
  JsonArray *visible = json_object_get_array_member (state, "visible");

  g_assert_cmpuint (json_array_get_length (visible), ==, 3);
  for (guint i = 0; i < 3; i++)
    area[i] = json_array_get_double_element (visible, i);
}

static void
assert_same_area (JsonObject *state, const double want[3], const char *when)
{
  double area[3];

  visible_area (state, area);
  if (fabs (area[0] - want[0]) > 1 || fabs (area[1] - want[1]) > 1 ||
      fabs (area[2] - want[2]) > 1e-3 * want[2])
    g_error ("%s: the view shows (%.1f, %.1f) at zoom %.4f, not (%.1f, %.1f) at %.4f", when,
             area[0], area[1], area[2], want[0], want[1], want[2]);
}

/* Selects @id by a click on it in the graph and returns the settled state. */
static JsonObject *
click_node (App *app, JsonObject *state, const char *id)
{
  g_autofree char *what = g_strdup_printf ("a click to select %s", id);

  click_in_node (app, state, id);
  json_object_unref (wait_for (app, is_selected, (gpointer)id, STEP_TIMEOUT_MS, what));
  return wait_settled (app, what);
}

static JsonObject *
wait_selected_settled (App *app, const char *id, const char *what)
{
  json_object_unref (wait_for (app, is_selected, (gpointer)id, STEP_TIMEOUT_MS, what));
  return wait_settled (app, what);
}

/* Runs the xdotool command @command, then waits for @id to be selected and the view to settle. */
static JsonObject *
go_and_settle (App *app, const char *command, const char *id, const char *what)
{
  xdo ("%s", command);
  return wait_selected_settled (app, id, what);
}

/* Back and forward, as in a browser: Alt+Left and Alt+Right, the header bar's buttons and the
 * mouse's buttons 8 and 9 step through the selections, each with the view it was left with (a
 * zoom made after selecting part-3 comes back with part-3). */
static void
test_history_back_forward (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) first = NULL;
  g_autoptr (JsonObject) second = NULL;
  g_autoptr (JsonObject) zoomed = NULL;
  g_autoptr (JsonObject) back = NULL;
  g_autoptr (JsonObject) forward = NULL;
  double      area1[3], area2[3];
  Rect        r;
  JsonObject *button;

  g_assert_true (history_is (state, GINT_TO_POINTER (0)));
  g_assert_false (json_object_get_boolean_member (
      json_object_get_object_member (json_object_get_object_member (state, "header"),
                                     "win.go-back"),
      "enabled"));

  first = click_node (app, state, "part-1");
  visible_area (first, area1);
  second = click_node (app, first, "part-3");
  g_assert_true (node_rect (second, "part-3", &r));
  ctrl_scroll (app, r.x + r.width / 2, r.y + r.height / 2, 4, 2);
  zoomed = wait_settled (app, "the zoom to settle");
  visible_area (zoomed, area2);
  g_assert_cmpfloat (area2[2], >, area1[2] * 1.2);
  g_assert_true (history_is (zoomed, GINT_TO_POINTER (20)));

  back = go_and_settle (app, "key alt+Left", "part-1", "Alt+Left to go back to part-1");
  assert_same_area (back, area1, "back at part-1");
  g_assert_true (history_is (back, GINT_TO_POINTER (11)));
  g_assert_cmpstr (state_string (json_object_get_object_member (back, "detail"), "node_id"), ==,
                   "part-1");
  forward = go_and_settle (app, "key alt+Right", "part-3", "Alt+Right to go forward to part-3");
  assert_same_area (forward, area2, "forward at part-3");

  /* The header bar's back button, then the mouse's buttons. */
  button = json_object_get_object_member (json_object_get_object_member (forward, "header"),
                                          "win.go-back");
  g_assert_true (json_object_get_boolean_member (button, "enabled"));
  click_at (app, json_object_get_double_member (button, "x") + 10,
            json_object_get_double_member (button, "y") + 10);
  json_object_unref (back);
  back = wait_selected_settled (app, "part-1", "the back button");
  assert_same_area (back, area1, "back at part-1 by the header button");
  json_object_unref (forward);
  forward = go_and_settle (app, "click 9", "part-3", "the mouse's forward button");
  json_object_unref (back);
  back = go_and_settle (app, "click 8", "part-1", "the mouse's back button");
  json_object_unref (back);
  back = go_and_settle (app, "click 8", NULL, "the mouse's back button, to the start");
  g_assert_true (history_is (back, GINT_TO_POINTER (2)));
  app_stop (app);
}

static gboolean
shows_whole_with (JsonObject *state, gpointer data)
{
  Rect r;

  return is_ready (state, NULL) && node_rect (state, "report", &r) && is_selected (state, data);
}

static gboolean
badge_shown (JsonObject *state, gpointer data)
{
  Rect r;

  return is_ready (state, NULL) && badge_rect (state, data, &r) == GPOINTER_TO_INT (TRUE);
}

/* Branch views and folds are places too: back from a branch shows the whole graph again, back
 * from unfolding a part folds it again, and forward redoes each. */
static void
test_history_branch_and_folds (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) selected = NULL;
  g_autoptr (JsonObject) whole = NULL;
  g_autoptr (JsonObject) unfolded = NULL;
  Rect  r;
  guint n = n_nodes (state);

  selected = click_node (app, state, "part-2");
  xdo ("key alt+Down");
  json_object_unref (wait_for (app, shows_branch, "part-2", STEP_TIMEOUT_MS, "Alt+Down"));
  xdo ("key alt+Left");
  json_object_unref (wait_for (app, shows_whole_with, "part-2", STEP_TIMEOUT_MS,
                               "Alt+Left back to the whole graph, part-2 selected"));
  xdo ("key alt+Right");
  json_object_unref (
      wait_for (app, shows_branch, "part-2", STEP_TIMEOUT_MS, "Alt+Right to the branch again"));
  xdo ("key alt+Left");
  whole = wait_for (app, shows_whole_with, "part-2", STEP_TIMEOUT_MS, "Alt+Left again");
  json_object_unref (whole);
  whole = wait_settled (app, "the whole graph to settle");

  g_assert_true (badge_rect (whole, "part-1", &r));
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  unfolded =
      wait_for (app, shows_more_than, GUINT_TO_POINTER (n), STEP_TIMEOUT_MS, "part-1 to unfold");
  /* The branch ahead was dropped: before the fold, the start and part-2. */
  g_assert_true (history_is (unfolded, GINT_TO_POINTER (20)));
  xdo ("key alt+Left");
  json_object_unref (
      wait_for (app, badge_shown, "part-1", STEP_TIMEOUT_MS, "Alt+Left to fold part-1 again"));
  xdo ("key alt+Right");
  json_object_unref (wait_for (app, shows_more_than, GUINT_TO_POINTER (n), STEP_TIMEOUT_MS,
                               "Alt+Right to unfold it again"));
  app_stop (app);
}

static gboolean
crumbs_are (JsonObject *state, gpointer data)
{
  JsonArray *crumbs = json_object_get_array_member (state, "breadcrumb");
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (crumbs); i++)
    g_string_append_printf (
        ids, "%s%s", i > 0 ? " " : "",
        json_object_get_string_member (json_array_get_object_element (crumbs, i), "id"));
  return g_strcmp0 (ids->str, data) == 0;
}

static void
click_crumb (App *app, JsonObject *state, const char *id)
{
  JsonArray *crumbs = json_object_get_array_member (state, "breadcrumb");

  for (guint i = 0; i < json_array_get_length (crumbs); i++)
    {
      JsonObject *crumb = json_array_get_object_element (crumbs, i);

      if (g_strcmp0 (json_object_get_string_member (crumb, "id"), id) == 0)
        {
          click_at (app,
                    json_object_get_double_member (crumb, "x") +
                        json_object_get_double_member (crumb, "width") / 2,
                    json_object_get_double_member (crumb, "y") +
                        json_object_get_double_member (crumb, "height") / 2);
          return;
        }
    }
  g_error ("no crumb for %s", id);
}

/* The breadcrumb shows the selection's path and nothing without one; a crumb selects its
 * concept. */
static void
test_breadcrumb (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) unfolded = NULL;
  g_autoptr (JsonObject) deep = NULL;
  g_autoptr (JsonObject) up = NULL;
  g_autoptr (JsonObject) root = NULL;
  Rect   r;
  double x, y;

  g_assert_true (crumbs_are (state, ""));
  g_assert_true (badge_rect (state, "part-1", &r));
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (wait_for (app, shows_more_than, GUINT_TO_POINTER (n_nodes (state)),
                               STEP_TIMEOUT_MS, "part-1 to unfold"));
  json_object_unref (wait_settled (app, "the unfolded graph to settle"));
  xdo ("key ctrl+0");
  unfolded = wait_settled (app, "the graph to be fitted");
  json_object_unref (click_node (app, unfolded, "journey-goals"));
  deep = wait_for (app, crumbs_are, "report part-1 journey-goals", STEP_TIMEOUT_MS,
                   "the path of journey-goals");

  /* Each crumb clicked where it is once the view has stopped gliding and the breadcrumb has
   * taken its new path (under the sanitizers a click on a crumb still moving once landed on
   * the canvas behind it). */
  json_object_unref (deep);
  deep = wait_settled (app, "the view to settle on journey-goals");
  click_crumb (app, deep, "part-1");
  up = wait_for (app, crumbs_are, "report part-1", STEP_TIMEOUT_MS, "the crumb of part-1");
  g_assert_true (shows_selected (up, "part-1"));
  json_object_unref (up);
  up = wait_settled (app, "the view to settle on part-1");
  g_assert_true (crumbs_are (up, "report part-1"));
  click_crumb (app, up, "report");
  root = wait_for (app, crumbs_are, "report", STEP_TIMEOUT_MS, "the crumb of the report");
  json_object_unref (root);
  root = wait_settled (app, "the report to be centred");
  g_assert_true (find_empty_point (root, 0, 0, &x, &y));
  click_at (app, x, y);
  json_object_unref (
      wait_for (app, crumbs_are, "", STEP_TIMEOUT_MS, "no crumbs once nothing is selected"));
  app_stop (app);
}

/* Practice: one round answered through the panel, graded with the keyboard; the progress kept in
 * the study store's file changes; stopping shows the summary. */

static JsonObject *
practice_of (JsonObject *state)
{
  return json_object_get_object_member (state, "practice");
}

/* The practice panel's button whose action and target are these (target NULL: any), or NULL. */
static JsonObject *
practice_button (JsonObject *state, const char *action, const char *target)
{
  JsonArray *buttons = json_object_get_array_member (practice_of (state), "buttons");

  for (guint i = 0; i < json_array_get_length (buttons); i++)
    {
      JsonObject *button = json_array_get_object_element (buttons, i);

      if (g_strcmp0 (state_string (button, "action"), action) == 0 &&
          (target == NULL || g_strcmp0 (state_string (button, "target"), target) == 0))
        return button;
    }
  return NULL;
}

static void
click_object (App *app, JsonObject *rect)
{
  click_at (app,
            json_object_get_double_member (rect, "x") +
                json_object_get_double_member (rect, "width") / 2,
            json_object_get_double_member (rect, "y") +
                json_object_get_double_member (rect, "height") / 2);
}

typedef struct
{
  guint    position;
  gboolean answered;
} PracticeStep;

/* The question at @position is shown, answered or not as @step says, with the keyboard in the
 * panel. */
static gboolean
practice_at (JsonObject *state, gpointer data)
{
  PracticeStep *step = data;
  JsonObject   *practice = practice_of (state);

  return json_object_get_boolean_member (practice, "shown") &&
         json_object_get_boolean_member (practice, "asking") &&
         json_object_get_boolean_member (practice, "focus_inside") &&
         json_object_get_int_member (practice, "position") == step->position &&
         json_object_get_boolean_member (practice, "answered") == step->answered;
}

/* The practice panel laid out: its buttons where they were ~100 ms before (a new question's
 * buttons are placed at the next frame; the probe would give their old places before). */
typedef struct
{
  PracticeStep *step;
  char         *last;
} PracticeSettle;

static gboolean
practice_settled (JsonObject *state, gpointer data)
{
  PracticeSettle *settle = data;
  g_autoptr (JsonNode) buttons = NULL;
  g_autofree char *now = NULL;
  gboolean         same;

  if (!practice_at (state, settle->step))
    return FALSE;
  buttons = json_node_init_array (json_node_alloc (),
                                  json_object_get_array_member (practice_of (state), "buttons"));
  now = json_to_string (buttons, FALSE);
  same = g_strcmp0 (now, settle->last) == 0;
  g_free (settle->last);
  settle->last = g_steal_pointer (&now);
  if (!same)
    sleep_ms (100);
  return same;
}

static JsonObject *
wait_practice (App *app, PracticeStep *step, const char *what)
{
  PracticeSettle settle = { step, NULL };
  JsonObject    *state = wait_for (app, practice_settled, &settle, STEP_TIMEOUT_MS, what);

  g_free (settle.last);
  return state;
}

static gboolean
practice_summary_shown (JsonObject *state, gpointer data)
{
  JsonObject *practice = practice_of (state);

  return json_object_get_boolean_member (practice, "shown") &&
         !json_object_get_boolean_member (practice, "asking") &&
         strstr (state_string (practice, "texts"), "Session Summary") != NULL;
}

static gboolean
practice_hidden (JsonObject *state, gpointer data)
{
  return !json_object_get_boolean_member (practice_of (state), "shown") &&
         json_object_get_boolean_member (state, "ready");
}

/* Answers the question shown: the right choice by a click, a wrong typed answer, or the order as
 * shuffled (never the speech's: a near miss at best). Returns the verdict the test expects. */
static const char *
answer_question (App *app, JsonObject *state)
{
  JsonObject      *practice = practice_of (state);
  const char      *mode = state_string (practice, "mode");
  g_autofree char *target = NULL;

  if (g_strcmp0 (mode, "choice") == 0)
    {
      target = g_strdup_printf ("%d", (int)json_object_get_int_member (practice, "correct"));
      click_object (app, practice_button (state, "practice.choose", target));
      return "Right";
    }
  if (g_strcmp0 (mode, "typed") == 0)
    {
      /* ASCII, which xdotool types reliably: a wrong answer, then Enter. */
      xdo ("type --delay 20 abc");
      xdo ("key Return");
      return "Wrong";
    }
  click_object (app, practice_button (state, "practice.check", NULL));
  return NULL; /* Wrong or Near Miss, by the shuffle */
}

typedef struct
{
  const char *id;
  gboolean    folded;
} FoldWait;

/* Node @id selected and laid out with its members folded (a badge) or shown. */
static gboolean
selected_folded_is (JsonObject *state, gpointer data)
{
  FoldWait   *wait = data;
  JsonObject *badges = json_object_get_object_member (state, "badges");

  return is_ready (state, NULL) && g_strcmp0 (state_string (state, "selected"), wait->id) == 0 &&
         json_object_has_member (badges, wait->id) == wait->folded;
}

static void
practice_round_two (App *app, JsonObject *state)
{
  JsonObject      *practice = practice_of (state);
  g_autofree char *node = g_strdup (state_string (practice, "node"));
  int              kind = (int)json_object_get_int_member (practice, "kind");
  PracticeStep     step = { 1, TRUE };
  FoldWait         wait = { node, TRUE };
  g_autoptr (JsonObject) answered = NULL;

  g_test_message ("question %d about %s: %s", kind, node, state_string (practice, "prompt"));
  g_assert_cmpstr (node, ==, "introduction");
  if (kind == 0 || kind == 5)
    json_object_unref (
        wait_for (app, selected_folded_is, &wait, STEP_TIMEOUT_MS, "its members folded"));
  else
    g_assert_null (state_string (state, "selected"));
  answer_question (app, state);
  json_object_unref (wait_for (app, practice_at, &step, STEP_TIMEOUT_MS, "the answer checked"));
  wait.folded = FALSE;
  answered = wait_for (app, selected_folded_is, &wait, STEP_TIMEOUT_MS, "the answer shown");
  /* 1 = Again. */
  xdo ("key 1");
  step.position = 2;
  step.answered = FALSE;
  json_object_unref (wait_for (app, practice_at, &step, STEP_TIMEOUT_MS, "the third question"));
}

static void
test_practice_round (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) asked = NULL;
  g_autoptr (JsonObject) answered = NULL;
  g_autoptr (JsonObject) graded = NULL;
  g_autoptr (JsonObject) summary = NULL;
  g_autoptr (JsonObject) closed = NULL;
  g_autofree char *node = NULL;
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  const char      *verdict;
  JsonObject      *practice;
  PracticeStep     step = { 0, FALSE };
  int              kind;

  g_assert_false (json_object_get_boolean_member (practice_of (state), "shown"));
  /* Built by the first session, not with the window (it held back the first frame). */
  g_assert_false (json_object_get_boolean_member (practice_of (state), "built"));
  /* The header bar's Practise button starts a session. */
  click_object (app, json_object_get_object_member (json_object_get_object_member (state, "header"),
                                                    "win.practice"));
  asked = wait_practice (app, &step, "the first question");
  practice = practice_of (asked);
  g_assert_true (json_object_get_boolean_member (practice, "built"));
  node = g_strdup (state_string (practice, "node"));
  file = g_strdup (state_string (practice, "store_file"));
  kind = (int)json_object_get_int_member (practice, "kind");
  g_test_message ("question %d about %s: %s", kind, node, state_string (practice, "prompt"));
  g_assert_cmpint (json_object_get_int_member (practice, "n_cards"), ==, 20);
  g_assert_cmpstr (state_string (practice, "state"), ==, "new");
  g_assert_nonnull (strstr (state_string (practice, "texts"), "Card 1 of 20"));
  assert_han_has_language (asked, "a practice question");
  /* Nothing kept yet for this new student. */
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  /* A question on a concept's members shows the concept, its members folded away; any other
   * selects nothing, the concept being the answer. */
  if (kind == 0 || kind == 5)
    g_assert_cmpstr (state_string (asked, "selected"), ==, node);
  else
    g_assert_null (state_string (asked, "selected"));

  verdict = answer_question (app, asked);
  step.answered = TRUE;
  answered = wait_for (app, practice_at, &step, STEP_TIMEOUT_MS, "the answer checked");
  practice = practice_of (answered);
  if (verdict != NULL)
    g_assert_nonnull (strstr (state_string (practice, "texts"), verdict));
  else
    g_assert_true (strstr (state_string (practice, "texts"), "Wrong") != NULL ||
                   strstr (state_string (practice, "texts"), "Near Miss") != NULL);
  g_assert_nonnull (strstr (state_string (practice, "texts"), "Expected: "));
  assert_han_has_language (answered, "a checked answer");
  /* The grades, each with its next interval; the answer now shown in the graph. */
  g_assert_nonnull (practice_button (answered, "practice.grade", "1"));
  g_assert_nonnull (practice_button (answered, "practice.grade", "4"));
  g_assert_nonnull (strstr (state_string (practice, "texts"), "10 min"));
  g_assert_cmpstr (state_string (answered, "selected"), ==, node);

  /* 3 = Good, from the keyboard: the review is kept at once, and the next card comes. */
  xdo ("key 3");
  step.position = 1;
  step.answered = FALSE;
  graded = wait_practice (app, &step, "the second question");
  g_assert_nonnull (strstr (state_string (practice_of (graded), "texts"), "Card 2 of 20"));
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  contents = read_file (file);
  g_assert_nonnull (strstr (contents, node));
  g_assert_nonnull (strstr (contents, "\"good\""));

  /* The second card has members: asked about them, the graph shows it with its members folded
   * (its badge), and unfolds them with the answer; asked anything else, nothing is selected
   * until the answer selects it. */
  practice_round_two (app, graded);

  /* Escape stops: the summary, with what was done. */
  xdo ("key Escape");
  summary = wait_for (app, practice_summary_shown, NULL, STEP_TIMEOUT_MS, "the summary");
  practice = practice_of (summary);
  g_test_message ("summary: %s", state_string (practice, "texts"));
  g_assert_nonnull (
      strstr (state_string (practice, "texts"), "Cards reviewed\n2 (18 left for later)"));
  g_assert_nonnull (strstr (state_string (practice, "texts"), "Time spent"));
  g_assert_nonnull (strstr (state_string (practice, "texts"), "Accuracy"));
  g_assert_nonnull (strstr (state_string (practice, "texts"), "Weakest concepts"));
  /* Again on the second card: due again in a minute (the first, Good, in ten). */
  g_assert_nonnull (strstr (state_string (practice, "texts"), "Next card due\nin 1 min"));

  /* Done has the keyboard; Escape too puts the details back. */
  g_assert_true (json_object_get_boolean_member (practice_button (summary, "practice.close", NULL),
                                                 "focused"));
  xdo ("key Escape");
  closed = wait_for (app, practice_hidden, NULL, STEP_TIMEOUT_MS, "the details back");
  app_stop (app);
}

/* Study progress */

static JsonObject *
study_of (JsonObject *state)
{
  return json_object_get_object_member (state, "study");
}

static gboolean
study_state_is (JsonObject *state, gpointer data)
{
  return g_strcmp0 (state_string (study_of (state), "state"), data) == 0;
}

static gboolean
study_note_is (JsonObject *state, gpointer data)
{
  return g_strcmp0 (state_string (study_of (state), "note"), data) == 0;
}

static gboolean
study_note_focused (JsonObject *state, gpointer data)
{
  return json_object_get_boolean_member (study_of (state), "note_focused");
}

/* The overlay on and colouring the selected concept known, or off and colouring nothing. */
static gboolean
overlay_is (JsonObject *state, gpointer data)
{
  JsonObject *study = study_of (state);
  JsonObject *mastery = json_object_get_object_member (study, "mastery");
  const char *selected = state_string (state, "selected");
  gboolean    on = GPOINTER_TO_INT (data);

  if (json_object_get_boolean_member (study, "overlay") != on)
    return FALSE;
  if (!on)
    return json_object_get_size (mastery) == 0;
  return selected != NULL && json_object_has_member (mastery, selected) &&
         json_object_get_int_member (mastery, selected) == 3 /* TUPU_MASTERY_KNOWN */;
}

/* The study section's @what ("known" button, "note" box) in the detail pane, scrolled into
 * sight with the wheel over the pane; its rectangle. */
static Rect
study_widget_in_sight (App *app, const char *what)
{
  for (int i = 0; i < 40; i++)
    {
      g_autoptr (JsonObject) state = app_state (app);
      JsonObject *study = study_of (state);
      JsonObject *box = g_str_equal (what, "note")
                            ? json_object_get_object_member (study, "note_box")
                            : json_object_get_object_member (
                                  json_object_get_object_member (study, "buttons"), what);
      Rect        view = view_rect (state);
      int         x, y;

      if (box != NULL && json_object_has_member (box, "visible") &&
          json_object_get_boolean_member (box, "visible"))
        return (Rect){ json_object_get_double_member (box, "x"),
                       json_object_get_double_member (box, "y"),
                       json_object_get_double_member (box, "width"),
                       json_object_get_double_member (box, "height") };
      /* The pane is right of the graph. */
      to_screen (app, view.x + view.width + 120, view.y + view.height / 2, &x, &y);
      xdo ("mousemove %d %d", x, y);
      xdo ("click --repeat 3 5");
      sleep_ms (100);
    }
  g_error ("the study section's %s never came into sight", what);
}

/* The outline shown, its first row (the report) saying "@data…" of its progress. */
static gboolean
root_row_progress_is (JsonObject *state, gpointer data)
{
  JsonObject *outline = json_object_get_object_member (state, "outline");
  JsonArray  *rows = json_object_get_array_member (outline, "rows");

  return json_object_get_boolean_member (outline, "shown") && json_array_get_length (rows) > 0 &&
         g_str_has_prefix (state_string (json_array_get_object_element (rows, 0), "progress") ?: "",
                           data);
}

static char *
study_file_text (const char *graph_id)
{
  g_autofree char *name = g_strconcat (graph_id, ".json", NULL);
  g_autofree char *path = g_build_filename (test_state_dir (), "tupu", "study", name, NULL);
  char            *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* A concept's state and note, set in the detail pane, are on disk at once and survive a
 * restart; the Progress overlay (Ctrl+Shift+M) colours the graph by them and goes off again. */
static void
test_study_restart (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) again = NULL;
  g_autofree char *id = NULL;
  g_autofree char *graph_id = g_strdup (state_string (state, "graph_id"));
  g_autofree char *text = NULL;
  const char      *note = "five parts, remember";
  Rect             r;

  /* A part of the report, shown in the overview it opens on. */
  id = g_strdup ("introduction");
  g_assert_true (node_rect (state, id, &r));
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (wait_for (app, pane_shows, id, STEP_TIMEOUT_MS, "the pane to show it"));
  json_object_unref (
      wait_for (app, study_state_is, "new", STEP_TIMEOUT_MS, "the concept to be new"));

  r = study_widget_in_sight (app, "known");
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (
      wait_for (app, study_state_is, "known", STEP_TIMEOUT_MS, "the concept to be known"));
  /* Saved before anything else happens: no quit needed. */
  text = study_file_text (graph_id);
  g_assert_nonnull (strstr (text, "\"state\" : \"known\""));

  r = study_widget_in_sight (app, "note");
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (
      wait_for (app, study_note_focused, NULL, STEP_TIMEOUT_MS, "the note to take the keys"));
  xdo ("type --delay 30 '%s'", note);
  json_object_unref (wait_for (app, study_note_is, (gpointer)note, STEP_TIMEOUT_MS, "the note"));

  /* The overlay, from the keyboard with the note focused: on, off, on. */
  xdo ("key ctrl+shift+m");
  json_object_unref (
      wait_for (app, overlay_is, GINT_TO_POINTER (TRUE), STEP_TIMEOUT_MS, "the overlay on"));
  xdo ("key ctrl+shift+m");
  json_object_unref (
      wait_for (app, overlay_is, GINT_TO_POINTER (FALSE), STEP_TIMEOUT_MS, "the overlay off"));
  xdo ("key ctrl+shift+m");
  json_object_unref (
      wait_for (app, overlay_is, GINT_TO_POINTER (TRUE), STEP_TIMEOUT_MS, "the overlay on again"));
  app_stop (app);

  /* The note reached the file, however soon after typing the app quit. */
  g_free (text);
  text = study_file_text (graph_id);
  g_assert_nonnull (strstr (text, note));

  again = start_ready (&app, NULL);
  g_assert_true (node_rect (again, id, &r));
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (wait_for (app, pane_shows, id, STEP_TIMEOUT_MS, "the pane to show it"));
  json_object_unref (wait_for (app, study_state_is, "known", STEP_TIMEOUT_MS, "the state kept"));
  json_object_unref (
      wait_for (app, study_note_is, (gpointer)note, STEP_TIMEOUT_MS, "the note kept"));
  /* The outline counts it in the report's progress: one known. */
  xdo ("key F9");
  json_object_unref (
      wait_for (app, root_row_progress_is, "1/", STEP_TIMEOUT_MS, "the outline's progress"));
  /* With the keyboard in the outline, then a change in the pane: the outline follows it. */
  key_until (app, "F6", focus_in_outline, id, "F6 to the concept's row in the outline");
  r = study_widget_in_sight (app, "learning");
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (
      wait_for (app, study_state_is, "learning", STEP_TIMEOUT_MS, "the concept learning"));
  json_object_unref (wait_for (app, root_row_progress_is, "0/", STEP_TIMEOUT_MS,
                               "the outline's progress to follow"));
  app_stop (app);
}

/* A damaged progress file is kept aside with a timestamp, the window says so in a toast, and
 * progress made afterwards is saved in a fresh file beside it. */
static void
test_study_damaged (void)
{
  g_autofree char *dir = g_build_filename (test_state_dir (), "tupu", "study", NULL);
  g_autofree char *path = g_build_filename (dir, "theme-education-2023.json", NULL);
  const char      *garbage = "{\"format\": \"tupu-study\", \"version\": 1, \"graph\": ";
  App             *app;
  g_autoptr (JsonObject) state = NULL;
  g_autoptr (JsonObject) after = NULL;
  g_autoptr (GPtrArray) toasts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) listing = NULL;
  const char *name;
  guint       kept = 0;
  Rect        r;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  state = start_ready (&app, NULL);
  g_assert_cmpstr (state_string (state, "graph_id"), ==, "theme-education-2023");
  after = wait_for (app, has_toast, toasts, STEP_TIMEOUT_MS, "a toast about the damaged file");
  if (strstr (g_ptr_array_index (toasts, 0), "damaged") == NULL ||
      strstr (g_ptr_array_index (toasts, 0), "theme-education-2023.json.damaged-") == NULL)
    g_error ("the toast “%s” does not say where the damaged file was kept",
             (char *)g_ptr_array_index (toasts, 0));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "theme-education-2023.json.damaged-"))
      {
        g_autofree char *aside = g_build_filename (dir, name, NULL);
        g_autofree char *text = NULL;

        g_assert_true (g_file_get_contents (aside, &text, NULL, NULL));
        g_assert_cmpstr (text, ==, garbage);
        kept++;
      }
  g_assert_cmpuint (kept, ==, 1);

  /* A fresh start that saves. */
  g_assert_true (node_rect (after, "introduction", &r));
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (
      wait_for (app, pane_shows, "introduction", STEP_TIMEOUT_MS, "the pane to show it"));
  r = study_widget_in_sight (app, "learning");
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  json_object_unref (
      wait_for (app, study_state_is, "learning", STEP_TIMEOUT_MS, "the concept learning"));
  {
    g_autofree char *text = study_file_text ("theme-education-2023");

    g_assert_nonnull (strstr (text, "\"state\" : \"learning\""));
  }
  app_stop (app);
}

/* Reading: the speech beside the graph, and the guided tour */

static JsonObject *
reading_of (JsonObject *state)
{
  return json_object_get_object_member (state, "reading");
}

static gboolean
reading_shown (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) && json_object_get_boolean_member (reading_of (state), "shown");
}

static Rect
object_rect (JsonObject *object)
{
  return (Rect){ json_object_get_double_member (object, "x"),
                 json_object_get_double_member (object, "y"),
                 json_object_get_double_member (object, "width"),
                 json_object_get_double_member (object, "height") };
}

/* F8, and the graph beside the text (narrower, the tour's bar under it) settled again. */
static JsonObject *
open_reading (App *app)
{
  xdo ("key F8");
  json_object_unref (
      wait_for (app, reading_shown, NULL, STEP_TIMEOUT_MS, "the reading view to open (F8)"));
  return wait_settled (app, "the graph to settle beside the text");
}

/* Concept @data is selected, the text shows it, and one of its passages is in sight and
 * flashed. */
static gboolean
passage_in_sight (JsonObject *state, gpointer data)
{
  JsonObject *reading = reading_of (state);
  JsonArray  *marks = json_object_get_array_member (reading, "marks");

  if (!reading_shown (state, NULL) || g_strcmp0 (state_string (state, "selected"), data) != 0 ||
      g_strcmp0 (state_string (reading, "node_id"), data) != 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (marks); i++)
    {
      JsonObject *mark = json_array_get_object_element (marks, i);

      if (json_object_get_boolean_member (mark, "visible") &&
          json_object_get_boolean_member (mark, "flashed"))
        return TRUE;
    }
  return FALSE;
}

/* A click on a marked passage selects its concept (the innermost passage's where several
 * overlap), in the graph and the detail pane. */
static void
test_read_click_passage (void)
{
  App *app;
  g_autoptr (JsonObject) ready = start_ready (&app, NULL);
  g_autoptr (JsonObject) state = open_reading (app);
  g_autoptr (JsonObject) after = NULL;
  JsonArray *points = json_object_get_array_member (reading_of (state), "points");
  double top = json_object_get_double_member (json_object_get_object_member (state, "view"), "y");
  JsonObject *target = NULL;
  Rect        r;
  const char *id;

  g_assert_null (state_string (state, "selected"));
  /* A passage in sight a little way down the text, inside a longer one of another concept: a
   * click there must pick the innermost. */
  for (guint i = 0; i < json_array_get_length (points) && target == NULL; i++)
    {
      JsonObject *point = json_array_get_object_element (points, i);

      if (json_object_get_boolean_member (point, "visible") &&
          json_object_get_double_member (point, "width") > 4 &&
          json_object_get_double_member (point, "y") > top + 200 &&
          json_object_get_int_member (point, "n_covering") >= 2)
        target = point;
    }
  g_assert_nonnull (target);
  id = json_object_get_string_member (target, "click_id");
  r = object_rect (target);
  g_test_message ("clicking the passage of %s (marked for %s) at %.0f,%.0f", id,
                  json_object_get_string_member (target, "id"), r.x, r.y);
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  after = wait_for (app, is_selected, (gpointer)id, STEP_TIMEOUT_MS, "the passage's concept");
  g_assert_cmpstr (state_string (reading_of (after), "node_id"), ==, id);
  g_assert_cmpstr (state_string (json_object_get_object_member (after, "detail"), "node_id"), ==,
                   id);
  app_stop (app);
}

/* Selecting a concept in the graph scrolls the text to its passage, far down the speech, and
 * flashes it; so does opening the text on a concept selected while it was closed. */
static void
test_read_follows_selection (void)
{
  App *app;
  g_autoptr (JsonObject) ready = start_ready (&app, NULL);
  g_autoptr (JsonObject) state = open_reading (app);
  g_autoptr (JsonObject) selected = NULL;
  JsonArray *marks = json_object_get_array_member (reading_of (state), "marks");

  g_assert_cmpuint (json_array_get_length (marks), ==, 0);
  /* The third part opens the speech's fifth paragraph, out of sight below the first ones. */
  json_object_unref (click_node (app, state, "part-3"));
  selected = wait_for (app, passage_in_sight, "part-3", STEP_TIMEOUT_MS,
                       "the text to scroll to part-3's passage");

  /* Closed, it follows unseen; opened again, it shows the passage of what is selected then
   * (the second part opens paragraph 4, a long way above the fifth). */
  xdo ("key F8");
  json_object_unref (selected);
  selected = wait_settled (app, "the reading view to close");
  g_assert_false (json_object_get_boolean_member (reading_of (selected), "shown"));
  json_object_unref (click_node (app, selected, "part-2"));
  json_object_unref (open_reading (app));
  json_object_unref (wait_for (app, passage_in_sight, "part-2", STEP_TIMEOUT_MS,
                               "the reopened text to show part-2's passage"));
  app_stop (app);
}

/* A passage card in the detail pane opens the reading view at its passage: not the concept's
 * first one, but the card's. */
static void
test_read_passage_card (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) selected = NULL;
  g_autoptr (JsonObject) shown = NULL;
  JsonArray  *cards, *marks;
  JsonObject *card = NULL;
  Rect        r;
  guint       n_flashed = 0;

  selected = click_node (app, state, "theme-education");
  g_assert_false (json_object_get_boolean_member (reading_of (selected), "shown"));
  /* 主题教育 quotes paragraph 2 twice in one sentence: one card for both. */
  cards = json_object_get_array_member (reading_of (selected), "cards");
  g_assert_cmpuint (json_array_get_length (cards), ==, 4);
  /* The last card, scrolled into sight with the wheel as a reader would. */
  for (int scrolls = 0; scrolls < 20; scrolls++)
    {
      int x, y;

      card = json_array_get_object_element (cards, json_array_get_length (cards) - 1);
      if (json_object_get_boolean_member (card, "visible"))
        break;
      r = object_rect (json_array_get_object_element (cards, 0));
      to_screen (app, r.x + r.width / 2, view_rect (selected).y + 100, &x, &y);
      xdo ("mousemove %d %d", x, y);
      xdo ("click 5");
      sleep_ms (100);
      json_object_unref (selected);
      selected = app_state (app);
      cards = json_object_get_array_member (reading_of (selected), "cards");
      card = NULL;
    }
  g_assert_nonnull (card);
  r = object_rect (card);
  click_at (app, r.x + r.width / 2, r.y + r.height / 2);
  shown = wait_for (app, passage_in_sight, "theme-education", STEP_TIMEOUT_MS,
                    "the reading view to open at the card's passage");
  /* What is flashed is the card's passage, not the defining mention at the top. */
  marks = json_object_get_array_member (reading_of (shown), "marks");
  g_assert_false (
      json_object_get_boolean_member (json_array_get_object_element (marks, 0), "flashed"));
  for (guint i = 0; i < json_array_get_length (marks); i++)
    n_flashed +=
        json_object_get_boolean_member (json_array_get_object_element (marks, i), "flashed");
  g_assert_cmpuint (n_flashed, >, 0);
  app_stop (app);
}

static gboolean
reading_hidden (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) && !json_object_get_boolean_member (reading_of (state), "shown");
}

static gboolean
outline_over_graph (JsonObject *state, gpointer data)
{
  return outline_shown (state, GINT_TO_POINTER (TRUE)) &&
         json_object_get_boolean_member (state, "outline_folded");
}

/* The outline, the speech and the details all open in a window of the default size: the
 * window keeps its width (it grew by 177 px before), the outline lies over the graph instead
 * of beside it, and Escape or a click beside it closes it, the header's toggle with it. With
 * the speech closed again there is room, and F9 shows the outline beside the graph. */
static void
test_outline_narrow (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) beside = NULL;
  g_autoptr (JsonObject) over = NULL;
  g_autoptr (JsonObject) closed = NULL;
  g_autoptr (JsonObject) wide = NULL;
  gint64 width = json_object_get_int_member (state, "window_width");
  Rect   view;

  xdo ("key F9");
  beside = wait_for (app, outline_shown, GINT_TO_POINTER (TRUE), STEP_TIMEOUT_MS,
                     "F9 to show the outline");
  g_assert_false (json_object_get_boolean_member (beside, "outline_folded"));
  json_object_unref (open_reading (app));
  over = wait_for (app, outline_over_graph, NULL, STEP_TIMEOUT_MS,
                   "the outline to lie over the graph once the speech is open too");
  g_assert_cmpint (json_object_get_int_member (over, "window_width"), ==, width);
  g_assert_true (header_button_active (over, "win.toggle-outline"));
  xdo ("key Escape");
  closed = wait_for (app, outline_shown, GINT_TO_POINTER (FALSE), STEP_TIMEOUT_MS,
                     "Escape to close the outline lying over the graph");
  g_assert_false (header_button_active (closed, "win.toggle-outline"));
  g_clear_pointer (&closed, json_object_unref);
  g_clear_pointer (&over, json_object_unref);
  xdo ("key F9");
  over = wait_for (app, outline_over_graph, NULL, STEP_TIMEOUT_MS,
                   "F9 to show the outline over the graph again");

  /* Beside the outline: the graph's right edge, which the outline does not cover. */
  view = view_rect (over);
  click_at (app, view.x + view.width - 8, view.y + view.height / 2);
  closed = wait_for (app, outline_shown, GINT_TO_POINTER (FALSE), STEP_TIMEOUT_MS,
                     "a click beside the outline to close it");
  g_assert_false (header_button_active (closed, "win.toggle-outline"));
  g_assert_cmpint (json_object_get_int_member (closed, "window_width"), ==, width);

  xdo ("key F8");
  json_object_unref (
      wait_for (app, reading_hidden, NULL, STEP_TIMEOUT_MS, "F8 to close the speech"));
  xdo ("key F9");
  wide = wait_for (app, outline_shown, GINT_TO_POINTER (TRUE), STEP_TIMEOUT_MS,
                   "F9 to show the outline again");
  g_assert_false (json_object_get_boolean_member (wide, "outline_folded"));
  app_stop (app);
}

static int
selected_order (JsonObject *state)
{
  return (int)json_object_get_int_member (json_object_get_object_member (state, "tour"),
                                          "selected_order");
}

static gboolean
tour_at (JsonObject *state, gpointer data)
{
  return is_ready (state, NULL) && selected_order (state) == GPOINTER_TO_INT (data);
}

static const char *
tour_text (JsonObject *state)
{
  return state_string (json_object_get_object_member (state, "tour"), "text");
}

static void
tour_key (App *app, const char *key, int order)
{
  g_autofree char *what = g_strdup_printf ("%s to reach rank %d of the speech", key, order);

  xdo ("key %s", key);
  json_object_unref (wait_for (app, tour_at, GINT_TO_POINTER (order), STEP_TIMEOUT_MS, what));
}

static gboolean
reading_focused (JsonObject *state, gpointer data)
{
  return json_object_get_boolean_member (reading_of (state), "focused");
}

static void
assert_tour_text (JsonObject *state, const char *position, guint n)
{
  g_autofree char *expected = g_strdup_printf ("%s of %u", position, n);

  g_assert_cmpstr (tour_text (state), ==, expected);
}

/* Page Down and Page Up, in the graph and in the text, and the header's Next walk the concepts
 * in the speech's order; after a restart the tour resumes where it stopped. */
static void
test_tour_walk_restart (void)
{
  App *app;
  g_autoptr (JsonObject) state = start_ready (&app, NULL);
  g_autoptr (JsonObject) after = NULL;
  g_autoptr (JsonObject) again = NULL;
  const char *of = strstr (tour_text (state), " of ");
  guint       n = of != NULL ? (guint)g_ascii_strtoull (of + 4, NULL, 10) : 0;
  Rect        next;

  g_assert_cmpuint (n, >, 100);
  assert_tour_text (state, "–", n);

  /* The graph has the keyboard: the tour begins at the start of the speech. */
  tour_key (app, "Next", 0);
  tour_key (app, "Next", 1);
  tour_key (app, "Next", 2);
  tour_key (app, "Prior", 1);
  after = app_state (app);
  assert_tour_text (after, "2", n);

  next = object_rect (
      json_object_get_object_member (json_object_get_object_member (after, "tour"), "next"));
  click_at (app, next.x + next.width / 2, next.y + next.height / 2);
  json_object_unref (wait_for (app, tour_at, GINT_TO_POINTER (2), STEP_TIMEOUT_MS,
                               "the header's Next to reach rank 2"));

  /* In the text too. */
  json_object_unref (open_reading (app));
  /* From the header's button, F6 goes to the graph, and from there to the text beside it. */
  xdo ("key F6 F6");
  json_object_unref (
      wait_for (app, reading_focused, NULL, STEP_TIMEOUT_MS, "F6 to reach the text"));
  tour_key (app, "Next", 3);
  app_stop (app);

  again = start_ready (&app, NULL);
  g_assert_null (state_string (again, "selected"));
  assert_tour_text (again, "4", n);
  tour_key (app, "Next", 3);
  app_stop (app);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_printerr ("GUI tests need an X display: run them through tests/gui/run-gui-test\n");
      return 1;
    }

  g_test_add_func ("/gui/startup/builtin", test_startup_builtin);
  g_test_add_func ("/gui/select/click", test_select_click);
  g_test_add_func ("/gui/select/link", test_select_link);
  g_test_add_func ("/gui/select/link-keyboard", test_select_link_keyboard);
  g_test_add_func ("/gui/select/arrows", test_select_arrows);
  g_test_add_func ("/gui/branch/keys", test_branch_keys);
  g_test_add_func ("/gui/zoom/pointer", test_zoom_pointer);
  g_test_add_func ("/gui/zoom/fit", test_zoom_fit);
  g_test_add_func ("/gui/pan/drag", test_pan_drag);
  g_test_add_func ("/gui/load/command-line", test_load_command_line);
  g_test_add_func ("/gui/load/open-dialog", test_open_dialog);
  g_test_add_func ("/gui/load/reload-keeps-view", test_reload_keeps_view);
  g_test_add_func ("/gui/load/disk-change", test_disk_change_reloads);
  g_test_add_func ("/gui/load/broken-later", test_broken_later_keeps_graph);
  g_test_add_func ("/gui/load/broken-start", test_broken_start_status_page);
  g_test_add_func ("/gui/export/svg", test_export_svg);
  g_test_add_func ("/gui/export/escape", test_export_escape);
  g_test_add_func ("/gui/export/branch-name", test_export_branch_name);
  g_test_add_func ("/gui/layout/engine", test_layout_engine);
  g_test_add_func ("/gui/first-view", test_first_view);
  g_test_add_func ("/gui/layout/large", test_layout_large);
  g_test_add_func ("/gui/layout/cancel", test_layout_cancel);
  g_test_add_func ("/gui/overview-map", test_overview_map);
  g_test_add_func ("/gui/context-menu", test_context_menu);
  g_test_add_func ("/gui/fold/badge", test_fold_badge);
  g_test_add_func ("/gui/fold/restart", test_fold_restart);
  g_test_add_func ("/gui/links/toggle", test_links_toggle);
  g_test_add_func ("/gui/window/single-instance", test_single_instance);
  g_test_add_func ("/gui/window/new-close-quit", test_new_close_quit);
  g_test_add_func ("/gui/load/portal-change", test_portal_change);
  g_test_add_func ("/gui/window/size-kept", test_size_kept);
  g_test_add_func ("/gui/search/chinese", test_search_chinese);
  g_test_add_func ("/gui/search/english", test_search_english);
  g_test_add_func ("/gui/search/pinyin", test_search_pinyin);
  g_test_add_func ("/gui/search/initials", test_search_initials);
  g_test_add_func ("/gui/search/keys", test_search_keys);
  g_test_add_func ("/gui/outline/select-row", test_outline_select_row);
  g_test_add_func ("/gui/outline/follows-graph", test_outline_follows_graph);
  g_test_add_func ("/gui/outline/keyboard", test_outline_keyboard);
  g_test_add_func ("/gui/history/back-forward", test_history_back_forward);
  g_test_add_func ("/gui/history/branch-and-folds", test_history_branch_and_folds);
  g_test_add_func ("/gui/breadcrumb/select", test_breadcrumb);
  g_test_add_func ("/gui/practice/round", test_practice_round);
  g_test_add_func ("/gui/study/restart", test_study_restart);
  g_test_add_func ("/gui/study/damaged", test_study_damaged);
  g_test_add_func ("/gui/read/click-passage", test_read_click_passage);
  g_test_add_func ("/gui/read/follows-selection", test_read_follows_selection);
  g_test_add_func ("/gui/read/passage-card", test_read_passage_card);
  g_test_add_func ("/gui/outline/narrow", test_outline_narrow);
  g_test_add_func ("/gui/tour/walk-restart", test_tour_walk_restart);

  return g_test_run ();
}
