/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-stress.c: hundreds of overlapping layout requests on the one Graphviz thread, switching
 * graphs, engines and subtrees mid-layout, with random cancellation, dropped graph references
 * and synchronous callers on other threads at the same time. Run under ASan (and locally under
 * TSan, see tests/README.md): the assertions check that every request completes exactly once
 * with either the layout it asked for or G_IO_ERROR_CANCELLED; the sanitizers check the rest. */
#include <glib.h>

#include "tupu-layout.h"

#define N_REQUESTS 300
#define N_SYNC_THREADS 3
#define N_SYNC_EACH 12

/* ---------------------------------------------------------------------------------------------
 * Graphs: the built-in one and generated trees with cross-links, in several sizes.
 */

/* A valid graph of @n_nodes: a tree with fan-out 3 plus a relates-to link every fifth node. All
 * sources quote paragraph 2 of the built-in speech. */
static TupuGraph *
generate_graph (guint n_nodes)
{
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  TupuGraph *graph;

  g_string_append_printf (json,
                          "{\"format_version\": 1, \"id\": \"stress-%u\","
                          " \"title\": {\"zh\": \"压力测试\", \"en\": \"Stress\"},"
                          " \"languages\": [\"zh\", \"en\"], \"nodes\": [",
                          n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    g_string_append_printf (
        json,
        "%s{\"id\": \"n%u\", \"kind\": \"%s\","
        " \"label\": {\"zh\": \"概念%u号节点\", \"en\": \"concept %u\"},"
        " \"label_origin\": \"editorial\","
        " \"summary\": {\"zh\": \"摘要。\", \"en\": \"A summary.\"},"
        " \"sources\": [{\"para\": 2, \"quote\": \"现将有关工作进展情况汇报如下\"}]}",
        i ? ", " : "", i, i ? "concept" : "report", i, i);
  g_string_append (json, "], \"edges\": [");
  for (guint i = 1; i < n_nodes; i++)
    {
      g_string_append_printf (
          json, "%s{\"source\": \"n%u\", \"target\": \"n%u\", \"relation\": \"part-of\"}",
          i > 1 ? ", " : "", i, (i - 1) / 3);
      if (i % 5 == 0)
        g_string_append_printf (json,
                                ", {\"source\": \"n%u\", \"target\": \"n%u\","
                                " \"relation\": \"relates-to\"}",
                                i, (i * 7) % i);
    }
  g_string_append (json, "]}");

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  graph = tupu_graph_load_bytes (bytes, "stress.json", NULL, NULL, &error);
  g_assert_no_error (error);
  return graph;
}

typedef struct
{
  TupuGraph *graphs[4];
  guint      n_graphs;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->graphs[0] = tupu_graph_load_builtin (&error);
  g_assert_no_error (error);
  fixture->graphs[1] = generate_graph (2);
  fixture->graphs[2] = generate_graph (30);
  fixture->graphs[3] = generate_graph (60);
  fixture->n_graphs = G_N_ELEMENTS (fixture->graphs);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  for (guint i = 0; i < fixture->n_graphs; i++)
    g_clear_object (&fixture->graphs[i]);
}

/* ---------------------------------------------------------------------------------------------
 * One request and how it is disturbed.
 */

typedef enum
{
  DISTURB_NONE,        /* must succeed */
  DISTURB_CANCEL_NOW,  /* cancelled right after queuing: before its turn */
  DISTURB_CANCEL_SOON, /* cancelled from a timeout a few ms later: usually mid-layout */
  DISTURB_SUPERSEDE,   /* cancelled when the next request is queued, as the view does */
  N_DISTURBS
} Disturb;

typedef struct
{
  guint         serial;
  TupuGraph    *graph; /* weak: the request itself must keep it alive */
  TupuEngine    engine;
  int           root;
  Disturb       disturb;
  GCancellable *cancellable;
  guint         timeout_id;
  gboolean      cancelled;
  guint         completions;
  guint        *pending;
} Request;

static gboolean
cancel_soon_cb (gpointer data)
{
  Request *request = data;

  request->timeout_id = 0;
  request->cancelled = TRUE;
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

static void
check_layout (Request *request, TupuLayout *layout)
{
  g_assert_true (layout->graph == request->graph);
  g_assert_cmpint (layout->options.engine, ==, request->engine);
  g_assert_cmpint (layout->options.root, ==, request->root);
  g_assert_cmpuint (layout->n_nodes, >=, 1);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      g_assert_cmpfloat (layout->nodes[i].box.width, >, 0);
      g_assert_cmpint (layout->geom_of_node[layout->nodes[i].node], ==, (int)i);
    }
  if (request->root >= 0)
    g_assert_cmpint (layout->geom_of_node[request->root], >=, 0);
}

static void
request_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Request *request = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TupuLayout) layout = tupu_layout_compute_finish (result, &error);

  request->completions++;
  g_assert_cmpuint (request->completions, ==, 1);
  if (layout != NULL)
    check_layout (request, layout);
  else if (request->cancelled)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    g_error ("request %u (%s) failed: %s", request->serial, tupu_engine_to_string (request->engine),
             error->message);
  (*request->pending)--;
}

static void
request_free (Request *request)
{
  g_clear_handle_id (&request->timeout_id, g_source_remove);
  g_clear_object (&request->cancellable);
  g_free (request);
}

static Request *
request_start (Fixture *fixture, GRand *rand, guint serial, guint *pending)
{
  Request          *request = g_new0 (Request, 1);
  TupuGraph        *graph = fixture->graphs[g_rand_int_range (rand, 0, fixture->n_graphs)];
  guint             n_nodes = tupu_graph_get_n_nodes (graph);
  TupuLayoutOptions options;

  request->serial = serial;
  request->graph = graph;
  /* Every engine on the small graphs; the force-directed engines take seconds on the built-in
   * graph, so it gets dot, which is what the app starts with anyway. */
  request->engine = n_nodes > 100 ? TUPU_ENGINE_DOT : g_rand_int_range (rand, 0, TUPU_N_ENGINES);
  request->root = g_rand_boolean (rand) ? -1 : g_rand_int_range (rand, 0, n_nodes);
  request->disturb = g_rand_int_range (rand, 0, N_DISTURBS);
  request->cancellable = g_cancellable_new ();
  request->pending = pending;

  tupu_layout_options_init (&options);
  options.engine = request->engine;
  options.root = request->root;
  options.show_gloss = g_rand_boolean (rand);
  options.text_scale = g_rand_boolean (rand) ? 1.0 : 1.5;
  (*pending)++;
  tupu_layout_compute_async (graph, &options, request->cancellable, request_done_cb, request);

  if (request->disturb == DISTURB_CANCEL_NOW)
    {
      request->cancelled = TRUE;
      g_cancellable_cancel (request->cancellable);
    }
  else if (request->disturb == DISTURB_CANCEL_SOON)
    request->timeout_id = g_timeout_add (g_rand_int_range (rand, 0, 20), cancel_soon_cb, request);
  return request;
}

/* ---------------------------------------------------------------------------------------------
 * Synchronous callers on other threads (the CLI's path), interleaved with the async ones.
 */

typedef struct
{
  TupuGraph *graphs[4]; /* own references: the main thread drops the fixture's mid-test */
  guint      n_graphs;
  guint32    seed;
} SyncData;

static gpointer
sync_thread (gpointer data)
{
  SyncData *sync = data;
  g_autoptr (GRand) rand = g_rand_new_with_seed (sync->seed);

  for (guint i = 0; i < N_SYNC_EACH; i++)
    {
      /* Its own reference, dropped while the next request may still use the graph. */
      g_autoptr (TupuGraph) graph =
          g_object_ref (sync->graphs[g_rand_int_range (rand, 0, sync->n_graphs)]);
      g_autoptr (GError) error = NULL;
      g_autoptr (TupuLayout) layout = NULL;
      TupuLayoutOptions options;

      tupu_layout_options_init (&options);
      options.engine = tupu_graph_get_n_nodes (graph) > 100
                           ? TUPU_ENGINE_DOT
                           : g_rand_int_range (rand, 0, TUPU_N_ENGINES);
      layout = tupu_layout_compute (graph, &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (layout->graph == graph);
    }
  for (guint i = 0; i < sync->n_graphs; i++)
    g_clear_object (&sync->graphs[i]);
  return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Tests
 */

static void
test_overlapping_requests (Fixture *fixture, gconstpointer data)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify)request_free);
  GThread *threads[N_SYNC_THREADS];
  SyncData sync[N_SYNC_THREADS];
  guint    pending = 0;
  guint    n_ok = 0, n_cancelled = 0;

  g_test_message ("seed %u (rerun with --seed to reproduce)", seed);
  for (guint i = 0; i < N_SYNC_THREADS; i++)
    {
      sync[i].n_graphs = fixture->n_graphs;
      sync[i].seed = seed + i + 1;
      for (guint g = 0; g < fixture->n_graphs; g++)
        sync[i].graphs[g] = g_object_ref (fixture->graphs[g]);
      threads[i] = g_thread_new ("stress-sync", sync_thread, &sync[i]);
    }

  for (guint i = 0; i < N_REQUESTS; i++)
    {
      Request *previous = requests->len ? g_ptr_array_index (requests, requests->len - 1) : NULL;

      if (previous != NULL && previous->disturb == DISTURB_SUPERSEDE)
        {
          previous->cancelled = TRUE;
          g_cancellable_cancel (previous->cancellable);
        }
      g_ptr_array_add (requests, request_start (fixture, rand, i, &pending));
      /* Let some requests run and complete between bursts of new ones. */
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_main_context_iteration (NULL, FALSE);
    }

  /* Drop our graphs while requests are still queued: each request holds its own reference. */
  fixture_tear_down (fixture, NULL);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < N_SYNC_THREADS; i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < requests->len; i++)
    {
      Request *request = g_ptr_array_index (requests, i);

      g_assert_cmpuint (request->completions, ==, 1);
      if (request->cancelled)
        n_cancelled++;
      else
        n_ok++;
    }
  g_test_message ("%u requests completed, %u cancelled", n_ok, n_cancelled);
  g_assert_cmpuint (n_ok, >, 0);
  g_assert_cmpuint (n_cancelled, >, 0);
}

/* A cancelled request must come back promptly even when a long queue is ahead of it. */
static void
test_cancel_everything (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify)request_free);
  g_autoptr (GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint pending = 0;

  for (guint i = 0; i < 100; i++)
    {
      Request *request = request_start (fixture, rand, i, &pending);

      request->cancelled = TRUE;
      g_cancellable_cancel (request->cancellable);
      g_ptr_array_add (requests, request);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/stress/layout/overlapping-requests", Fixture, NULL, fixture_set_up,
              test_overlapping_requests, fixture_tear_down);
  g_test_add ("/stress/layout/cancel-everything", Fixture, NULL, fixture_set_up,
              test_cancel_everything, fixture_tear_down);
  return g_test_run ();
}
