/*
 * OctoBot C++ tentacle ABI, version 1.6 (1.0 plus the framework kinds and services: see "ABI 1.1";
 * 1.2 appends the evaluation description to ob_matrix_value and ob_strategy_signal; 1.3 adds the
 * exchange-connector kind and the "credentials/1" service: see "ABI 1.3"; 1.4 appends binary exact
 * reads and a light open-orders listing to "orders/1" and "portfolio/1": see "ABI 1.4"; 1.5 appends
 * on_service_feed to ob_trading_mode_vtable, so trading modes hear the bot's service feeds, e.g.
 * TradingView alerts posted to the web API's webhook: see "ABI 1.5"; 1.6 appends submit_order to
 * ob_exchange_vtable, an order written on the calling thread: see <octobot/exchange.h>).
 *
 * This is the only contract between the host (the `octobot` core) and a tentacle library. It is
 * plain C11 so that any compiler, any C++ standard library and any language with a C FFI can build
 * a tentacle, and so that a tentacle built against SDK 1.x keeps loading into every host 1.y with
 * y >= x without being recompiled. CI compiles this header as C11 and as C++20.
 *
 * Rules that make the promise hold:
 *  - Every struct starts with an ob_header {struct_size, abi_major, abi_minor}. Structs only grow:
 *    new fields are appended, and a reader checks struct_size before touching a field it did not
 *    always have. A change that cannot be expressed by appending bumps abi_major.
 *  - The host accepts a library when library.abi_major == host major and library.abi_minor <= host
 *    minor. Tables of functions are reached through pointers, never embedded in arrays, so growing
 *    one never changes another's layout.
 *  - No C++ exception, no STL type and no ownership crosses this boundary. Every function says who
 *    owns each pointer (OWNERSHIP) and on which thread it is called (THREAD).
 *  - Errors are an ob_status plus a message written into a caller-owned ob_error buffer.
 *
 * Threads:
 *  [main-thread]  the host's bot loop thread (one io_context thread). Calls on one instance are
 *                 never concurrent.
 *  [any-thread]   may be called from any thread, concurrently; the callee synchronises.
 *
 * Licensed under the Apache License, Version 2.0.
 */
#ifndef OCTOBOT_ABI_H
#define OCTOBOT_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions and export
 * ------------------------------------------------------------------------------------------- */

#define OB_ABI_MAJOR 1
#define OB_ABI_MINOR 6

/* The single symbol a tentacle library exports. Everything else stays hidden. */
#define OB_ENTRY_SYMBOL "ob_tentacle_entry"

#if defined(_WIN32)
#define OB_EXPORT __declspec(dllexport)
#else
#define OB_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------------
 * Header carried by every struct
 * ------------------------------------------------------------------------------------------- */

typedef struct ob_header {
  uint32_t struct_size; /* sizeof the struct as the writer compiled it */
  uint16_t abi_major;   /* OB_ABI_MAJOR of the writer */
  uint16_t abi_minor;   /* OB_ABI_MINOR of the writer */
} ob_header;

#ifdef __cplusplus
#define OB_HEADER_INIT(type) \
  { static_cast<uint32_t>(sizeof(type)), OB_ABI_MAJOR, OB_ABI_MINOR }
#else
#define OB_HEADER_INIT(type) \
  { (uint32_t)sizeof(type), OB_ABI_MAJOR, OB_ABI_MINOR }
#endif

/* True when `ptr` (a struct starting with ob_header) was written with field `field` present. */
#ifdef __cplusplus
#define OB_HAS_FIELD(ptr, type, field) \
  ((ptr)->header.struct_size >= offsetof(type, field) + sizeof(static_cast<type*>(nullptr)->field))
#else
#define OB_HAS_FIELD(ptr, type, field) ((ptr)->header.struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))
#endif

/* ---------------------------------------------------------------------------------------------
 * Status and errors
 * ------------------------------------------------------------------------------------------- */

typedef int32_t ob_status;

#define OB_OK 0
#define OB_ERROR_GENERIC 1          /* anything not covered below */
#define OB_ERROR_INVALID_ARGUMENT 2 /* the caller passed something unusable */
#define OB_ERROR_CONFIG 3           /* the configuration is missing a key or has the wrong type */
#define OB_ERROR_NOT_FOUND 4        /* a named thing (service, path, class) does not exist */
#define OB_ERROR_UNSUPPORTED 5      /* the callee does not implement this */
#define OB_ERROR_EXCEPTION 6        /* a C++ exception was caught at the boundary */
#define OB_ERROR_OUT_OF_MEMORY 7
#define OB_ERROR_STATE 8 /* called at the wrong time (e.g. before init) */

#define OB_ERROR_MESSAGE_CAPACITY 1024

/* A caller-owned buffer the callee writes a NUL-terminated message into when it fails.
 * OWNERSHIP: owned by the caller, valid for the duration of the call only. The callee must not keep
 * the pointer. The caller copies the message at once. */
typedef struct ob_error {
  ob_header header;
  char message[OB_ERROR_MESSAGE_CAPACITY];
} ob_error;

/* ---------------------------------------------------------------------------------------------
 * Host services, looked up by versioned string id
 *
 * A service that changes gets a new id ("log/2"); the old id keeps working. Every service table
 * begins with ob_header followed by an opaque `context` passed back to each of its functions.
 * ------------------------------------------------------------------------------------------- */

typedef struct ob_host ob_host;

struct ob_host {
  ob_header header;
  /* Version of the host program, e.g. "0.1.0". OWNERSHIP: host, static. */
  const char* host_version;
  /* Returns the service table registered under `service_id` (e.g. "log/1"), or NULL when the host
   * does not provide it. OWNERSHIP: the table belongs to the host and stays valid until the
   * library's shutdown returns. `service_id` is borrowed for the call. THREAD: [any-thread]. */
  const void* (*get_service)(const ob_host* host, const char* service_id);
  /* Host-private data. Tentacles never touch it. */
  void* host_context;
};

/* "log/1": the host's logger. Messages are attributed to `source` (use the class name). */
#define OB_SERVICE_LOG_V1 "log/1"

#define OB_LOG_TRACE 0
#define OB_LOG_DEBUG 1
#define OB_LOG_INFO 2
#define OB_LOG_WARNING 3
#define OB_LOG_ERROR 4

typedef struct ob_log_service_v1 {
  ob_header header;
  void* context;
  /* Writes one log line. `source` and `message` are borrowed for the call; the host copies them.
   * THREAD: [any-thread]. */
  void (*write)(void* context, uint32_t level, const char* source, const char* message);
  /* Non-zero when a message at `level` would be written, so callers can skip formatting.
   * THREAD: [any-thread]. */
  int32_t (*enabled)(void* context, uint32_t level);
} ob_log_service_v1;

/* "time/1": the bot's clock. In a backtest this is the simulated time, which is why tentacles must
 * never read the system clock to decide anything. */
#define OB_SERVICE_TIME_V1 "time/1"

typedef struct ob_time_service_v1 {
  ob_header header;
  void* context;
  /* Current bot time in milliseconds since the Unix epoch, UTC. THREAD: [main-thread]. */
  int64_t (*now_ms)(void* context);
} ob_time_service_v1;

/* "config/1": typed, path-based reads of a tentacle's configuration. The host parses and validates
 * the JSON once; tentacles need no JSON library. Paths are dot-separated keys with optional array
 * indexes: "thresholds.long", "pairs[0]". A missing path returns OB_ERROR_NOT_FOUND; a value of
 * another type returns OB_ERROR_CONFIG and writes "expected <type> at '<path>', found <type>". */
#define OB_SERVICE_CONFIG_V1 "config/1"

typedef struct ob_config ob_config; /* opaque; OWNERSHIP: host, valid for the call it is passed to */

typedef struct ob_config_service_v1 {
  ob_header header;
  void* context;
  /* Non-zero when `path` exists (any type, null included). THREAD: [main-thread]. */
  int32_t (*has)(const ob_config* config, const char* path);
  ob_status (*get_double)(const ob_config* config, const char* path, double* out, ob_error* error);
  ob_status (*get_int64)(const ob_config* config, const char* path, int64_t* out, ob_error* error);
  /* `*out` is 0 or 1. */
  ob_status (*get_bool)(const ob_config* config, const char* path, int32_t* out, ob_error* error);
  /* Copies the string (NUL-terminated, truncated to capacity - 1) into the caller's buffer and
   * stores its full length in `*length`, so a caller can retry with a larger buffer. */
  ob_status (*get_string)(const ob_config* config, const char* path, char* buffer, uint64_t capacity, uint64_t* length,
                          ob_error* error);
  /* Number of elements of the array at `path`. */
  ob_status (*get_array_size)(const ob_config* config, const char* path, uint64_t* out, ob_error* error);
  /* The whole configuration as compact JSON text. OWNERSHIP: host, valid while `config` is. */
  const char* (*json)(const ob_config* config);
} ob_config_service_v1;

/* ---------------------------------------------------------------------------------------------
 * Tentacle kinds
 * ------------------------------------------------------------------------------------------- */

#define OB_KIND_TA_EVALUATOR 1
#define OB_KIND_REALTIME_EVALUATOR 2
#define OB_KIND_SOCIAL_EVALUATOR 3
#define OB_KIND_SCRIPTED_EVALUATOR 4
#define OB_KIND_STRATEGY 5
#define OB_KIND_TRADING_MODE 6
#define OB_KIND_EXCHANGE 7
#define OB_KIND_SERVICE 8
#define OB_KIND_BACKTESTING_IMPORTER 9
#define OB_KIND_BACKTESTING_COLLECTOR 10
#define OB_KIND_AUTOMATION 11

/* ---------------------------------------------------------------------------------------------
 * Instances
 *
 * Every kind's function table starts with the same lifecycle functions, so the host can create,
 * configure and destroy any instance without knowing its kind.
 * ------------------------------------------------------------------------------------------- */

typedef struct ob_instance ob_instance; /* opaque; OWNERSHIP: the tentacle, until destroy */
typedef struct ob_account ob_account;   /* opaque: an exchange account (or sub-portfolio); ABI 1.1 */

/* What an instance is created for. OWNERSHIP: host; every pointer is valid for the create call
 * only (copy what you keep). Context strings are NULL when they do not apply to the kind. */
typedef struct ob_instance_args {
  ob_header header;
  /* Valid until the instance is destroyed: may be kept by the instance. (Each bot run may give its
   * instances their own host, so a library must not hand one instance's host to another.) */
  const ob_host* host;
  const ob_config* config; /* merged config: reference config overlaid by the profile's copy */
  const char* exchange;    /* e.g. "binance" */
  const char* symbol;      /* e.g. "BTC/USDT" */
  const char* time_frame;  /* e.g. "1h" */
  /* ABI 1.1 (check with OB_HAS_FIELD). Trading modes: the account their orders go to, for the
   * "orders/1" and "portfolio/1" services. NULL for other kinds. Valid until the instance is
   * destroyed. */
  const ob_account* account;
} ob_instance_args;

typedef struct ob_lifecycle {
  /* Creates an instance. On OB_OK `*out` holds it; otherwise `error` says why and `*out` is
   * untouched. THREAD: [main-thread]. */
  ob_status (*create)(const ob_instance_args* args, ob_instance** out, ob_error* error);
  /* Destroys an instance created by `create`. Never fails. THREAD: [main-thread]. */
  void (*destroy)(ob_instance* instance);
  /* Applies a new configuration without recreating the instance (dot-path config updates).
   * `config` is borrowed for the call. THREAD: [main-thread]. */
  ob_status (*configure)(ob_instance* instance, const ob_config* config, ob_error* error);
} ob_lifecycle;

/* ---------------------------------------------------------------------------------------------
 * Market data views passed to evaluators
 * ------------------------------------------------------------------------------------------- */

/* Closed candles of one (exchange, symbol, time frame), oldest first, as parallel columns so that
 * indicators can run over contiguous arrays. The last element is the most recent closed candle:
 * the view never contains data from the future of the bot's clock.
 * OWNERSHIP: host; valid for the duration of the call it is passed to. */
typedef struct ob_candles {
  ob_header header;
  const char* exchange;
  const char* symbol;
  const char* time_frame;
  uint64_t count;
  const int64_t* open_time_ms; /* candle open time, ms since epoch, UTC */
  const double* open;
  const double* high;
  const double* low;
  const double* close;
  const double* volume;
} ob_candles;

/* ---------------------------------------------------------------------------------------------
 * Evaluations
 * ------------------------------------------------------------------------------------------- */

#define OB_EVAL_PENDING 0 /* no result yet (warming up, not enough data) */
#define OB_EVAL_READY 1   /* eval_note holds a result */

#define OB_EVAL_DESCRIPTION_CAPACITY 256

/* The result of one evaluation. eval_note is in [-1, 1]: -1 means buy/long, +1 sell/short, 0
 * neutral. OWNERSHIP: caller-owned out parameter, filled by the callee. */
typedef struct ob_evaluation {
  ob_header header;
  uint32_t state; /* OB_EVAL_PENDING or OB_EVAL_READY */
  double eval_note;
  char description[OB_EVAL_DESCRIPTION_CAPACITY];
} ob_evaluation;

/* ---------------------------------------------------------------------------------------------
 * Per-kind function tables. Each begins with ob_header and ob_lifecycle; kind callbacks follow
 * and only ever get appended.
 * ------------------------------------------------------------------------------------------- */

/* OB_KIND_TA_EVALUATOR: evaluates closed candles of the (exchange, symbol, time frame) the instance
 * was created for. */
typedef struct ob_ta_evaluator_vtable {
  ob_header header;
  ob_lifecycle lifecycle;
  /* Called once for every newly closed candle. Writes the result into `out` (state PENDING when
   * there is nothing to say yet). THREAD: [main-thread]. */
  ob_status (*evaluate)(ob_instance* instance, const ob_candles* candles, ob_evaluation* out, ob_error* error);
} ob_ta_evaluator_vtable;

/* Kinds whose framework callbacks are appended in later 1.x minors (strategies, trading modes,
 * exchanges, services, ...) use this table: the lifecycle alone. The host checks struct_size before
 * reaching for any callback, so a library built now keeps loading when those callbacks arrive. */
typedef struct ob_generic_vtable {
  ob_header header;
  ob_lifecycle lifecycle;
} ob_generic_vtable;

/* =============================================================================================
 * ABI 1.1: the evaluation matrix, strategies, real-time evaluators, trading modes, orders and
 * portfolio. A host checks a table's struct_size before using a 1.1 field of a 1.0 library.
 * ============================================================================================= */

/* "matrix/1": the evaluation matrix (OctoBot's signal tree), keyed by
 * exchange / evaluator type / evaluator name / cryptocurrency / symbol / time frame. The host writes
 * every evaluator's and strategy's result into it; tentacles read it. Resolve a node once (a
 * string lookup) and read it through its handle on the hot path (O(1), no allocation). */
#define OB_SERVICE_MATRIX_V1 "matrix/1"

#define OB_EVALUATOR_TYPE_TA "TA"
#define OB_EVALUATOR_TYPE_REAL_TIME "REAL_TIME"
#define OB_EVALUATOR_TYPE_SOCIAL "SOCIAL"
#define OB_EVALUATOR_TYPE_SCRIPTED "SCRIPTED"
#define OB_EVALUATOR_TYPE_STRATEGY "STRATEGIES"

typedef struct ob_matrix_node ob_matrix_node; /* opaque; OWNERSHIP: host, valid while the instance that found it lives */

/* A path in the matrix. For `find`, a NULL or empty field matches anything. OWNERSHIP: caller,
 * borrowed for the call. */
typedef struct ob_matrix_path {
  ob_header header;
  const char* exchange;
  const char* evaluator_type; /* OB_EVALUATOR_TYPE_* */
  const char* evaluator_name; /* class name */
  const char* cryptocurrency; /* base asset, e.g. "BTC" */
  const char* symbol;         /* e.g. "BTC/USDT" */
  const char* time_frame;     /* e.g. "1h"; "" for evaluators not bound to a time frame */
} ob_matrix_path;

/* A node's content. The strings belong to the host and stay valid as long as the node handle. */
typedef struct ob_matrix_value {
  ob_header header;
  uint32_t state; /* OB_EVAL_PENDING or OB_EVAL_READY */
  /* Non-zero when the note may be used now: ready, and the bot's time is before
   * eval_time + time frame + allowed lag (the lag is 0 in backtests). Notes without a time frame
   * are fresh while ready. The host computes it so every strategy applies the same rule. */
  int32_t fresh;
  double eval_note;
  int64_t eval_time_ms;
  const char* evaluator_type;
  const char* evaluator_name;
  const char* cryptocurrency;
  const char* symbol;
  const char* time_frame;
  /* ABI 1.2: the node's evaluation description ("" when none), e.g. the weights an evaluator
   * computed beside its note. The host writes it only when the caller's struct_size holds it
   * (OB_HAS_FIELD), so a 1.1 reader's shorter struct is never written past. Valid until the node is
   * next written (the next evaluation of that evaluator). */
  const char* description;
} ob_matrix_value;

typedef struct ob_matrix_service_v1 {
  ob_header header;
  void* context;
  /* Handle of the node at `path` (every field set; time_frame may be ""), created pending when
   * absent. THREAD: [main-thread]. */
  ob_status (*resolve)(void* context, const ob_matrix_path* path, const ob_matrix_node** out, ob_error* error);
  /* Reads a node into `out` (caller-owned). THREAD: [main-thread]. */
  void (*read)(void* context, const ob_matrix_node* node, ob_matrix_value* out);
  /* Nodes matching `pattern`, in path order: writes up to `capacity` handles into `out` and returns
   * how many match in all (call again with a larger buffer when it is more). THREAD: [main-thread]. */
  uint64_t (*find)(void* context, const ob_matrix_path* pattern, const ob_matrix_node** out, uint64_t capacity);
} ob_matrix_service_v1;

/* ---------------------------------------------------------------------------------------------
 * Strategies (OB_KIND_STRATEGY): one instance per (exchange, symbol). The host calls the strategy
 * after evaluators updated the matrix for its symbol; the strategy reads the matrix and returns its
 * own note, which the host writes under evaluator type "STRATEGIES" and hands to trading modes.
 * ------------------------------------------------------------------------------------------- */

/* What changed. When every TA evaluator of one (symbol, time frame) has evaluated a closed candle,
 * the host calls once with evaluator_type "TA" and evaluator_name NULL (one call per candle, not one
 * per evaluator). Real-time and social updates come one per evaluator, with its name.
 * OWNERSHIP: host, borrowed for the call. */
typedef struct ob_matrix_update {
  ob_header header;
  const char* exchange;
  const char* evaluator_type;
  const char* evaluator_name; /* NULL for a completed TA round */
  const char* cryptocurrency;
  const char* symbol;
  const char* time_frame; /* "" when not bound to a time frame */
  int64_t now_ms;         /* bot time */
} ob_matrix_update;

typedef struct ob_strategy_vtable {
  ob_header header;
  ob_lifecycle lifecycle;
  /* Writes the strategy's note for the instance's symbol into `out` (PENDING: nothing to say; the
   * previous note stays in the matrix). THREAD: [main-thread]. */
  ob_status (*on_matrix_update)(ob_instance* instance, const ob_matrix_update* update, ob_evaluation* out,
                                ob_error* error);
} ob_strategy_vtable;

/* ---------------------------------------------------------------------------------------------
 * Real-time evaluators (OB_KIND_REALTIME_EVALUATOR): one instance per (exchange, symbol), fed price
 * updates (tickers live; in a backtest, the close of each candle of the smallest time frame).
 * ------------------------------------------------------------------------------------------- */

typedef struct ob_price_update {
  ob_header header;
  const char* exchange;
  const char* symbol;
  int64_t time_ms; /* bot time of the price */
  double price;    /* last traded price */
  double volume;   /* base volume traded since the previous update (0 when unknown) */
} ob_price_update;

typedef struct ob_realtime_evaluator_vtable {
  ob_header header;
  ob_lifecycle lifecycle;
  /* THREAD: [main-thread]. */
  ob_status (*on_price)(ob_instance* instance, const ob_price_update* update, ob_evaluation* out, ob_error* error);
} ob_realtime_evaluator_vtable;

/* ---------------------------------------------------------------------------------------------
 * Orders and portfolio, for trading modes. Amounts and prices are exact decimals as text (see
 * ob_decimal in channels.h for the rules); the host rounds them to the market's precision.
 * ------------------------------------------------------------------------------------------- */

/* Room for the longest decimal the host writes (41 characters) plus the NUL, with margin. */
#define OB_DECIMAL_CAPACITY 48

/* An exact decimal as NUL-terminated text, e.g. "0.015", "-12.5"; empty means 0. The host writes the
 * shortest exact form; a tentacle may write at most 18 fractional digits, optionally with an
 * exponent. (Declared in channels.h in 1.0; the layout is unchanged.) */
typedef struct ob_decimal {
  char text[OB_DECIMAL_CAPACITY];
} ob_decimal;

#define OB_SIDE_BUY 0
#define OB_SIDE_SELL 1

#define OB_ORDER_TYPE_UNKNOWN 0
#define OB_ORDER_TYPE_MARKET 1
#define OB_ORDER_TYPE_LIMIT 2
#define OB_ORDER_TYPE_STOP_LOSS 3
#define OB_ORDER_TYPE_STOP_LOSS_LIMIT 4
#define OB_ORDER_TYPE_TAKE_PROFIT 5
#define OB_ORDER_TYPE_TAKE_PROFIT_LIMIT 6
#define OB_ORDER_TYPE_TRAILING_STOP 7
#define OB_ORDER_TYPE_TRAILING_STOP_LIMIT 8

#define OB_ORDER_STATUS_UNKNOWN 0
#define OB_ORDER_STATUS_OPEN 1
#define OB_ORDER_STATUS_PARTIALLY_FILLED 2
#define OB_ORDER_STATUS_FILLED 3
#define OB_ORDER_STATUS_CANCELED 4
#define OB_ORDER_STATUS_REJECTED 5
#define OB_ORDER_STATUS_EXPIRED 6

#define OB_GROUP_NONE 0
#define OB_GROUP_ONE_CANCELS_THE_OTHER 1
#define OB_GROUP_BALANCED_TAKE_PROFIT_STOP_LOSS 2

#define OB_ID_CAPACITY 64
#define OB_SYMBOL_CAPACITY 48
#define OB_ASSET_CAPACITY 24
#define OB_REASON_CAPACITY 256

/* OWNERSHIP: caller, borrowed for the call. Unused decimals stay empty. */
typedef struct ob_order_request {
  ob_header header;
  const char* symbol;
  uint32_t side; /* OB_SIDE_* */
  uint32_t type; /* OB_ORDER_TYPE_* */
  ob_decimal amount;           /* base amount */
  ob_decimal price;            /* limit price (limit and *_limit types) */
  ob_decimal trigger_price;    /* stop and take-profit triggers */
  ob_decimal trailing_percent; /* trailing types: distance from the best price, in percent */
  const char* tag;             /* optional label kept on the order (e.g. "entry", "grid-3"); may be NULL */
} ob_order_request;

/* An order as the exchange sees it. OWNERSHIP: caller-owned out parameter, filled by the host. */
typedef struct ob_order_view {
  ob_header header;
  char id[OB_ID_CAPACITY];
  char symbol[OB_SYMBOL_CAPACITY];
  char tag[OB_ID_CAPACITY];
  uint32_t side;
  uint32_t type;
  uint32_t state; /* OB_ORDER_STATUS_* */
  ob_decimal amount;
  ob_decimal filled;
  ob_decimal price;         /* limit price or trigger, as requested after rounding */
  ob_decimal average_price; /* of the fills so far; empty when nothing filled */
  ob_decimal fee;
  char fee_asset[OB_ASSET_CAPACITY];
  char reason[OB_REASON_CAPACITY]; /* why it was rejected, cancelled or expired */
  int64_t created_ms;
  int64_t updated_ms;
} ob_order_view;

typedef struct ob_market_info {
  ob_header header;
  char base[OB_ASSET_CAPACITY];
  char quote[OB_ASSET_CAPACITY];
  ob_decimal price_tick;  /* smallest price step */
  ob_decimal amount_step; /* smallest amount step */
  ob_decimal min_amount;
  ob_decimal min_cost; /* minimum notional, in quote */
  ob_decimal maker_fee; /* rate, e.g. "0.001" */
  ob_decimal taker_fee;
} ob_market_info;

/* ABI 1.4: an exact decimal in binary, the host's own representation: value = raw / 10^18, where
 * raw = hi * 2^64 + lo is a signed 128-bit two's complement integer. No text is written or parsed:
 * a trading mode reading the market rules, a price or a balance at every decision paid more for the
 * text than for the decision. Exact, like the text. */
typedef struct ob_fixed18 {
  uint64_t lo;
  int64_t hi;
} ob_fixed18;

/* ABI 1.4: ob_market_info with the decimals in binary (read at every decision: never cached by the
 * tentacle, so a change of the rules is seen at once). OWNERSHIP: caller-owned out parameter. */
typedef struct ob_market_rules {
  ob_header header;
  char base[OB_ASSET_CAPACITY];
  char quote[OB_ASSET_CAPACITY];
  ob_fixed18 price_tick;
  ob_fixed18 amount_step;
  ob_fixed18 min_amount;
  ob_fixed18 min_cost;
  ob_fixed18 maker_fee;
  ob_fixed18 taker_fee;
} ob_market_rules;

/* ABI 1.4: ob_balance in binary. OWNERSHIP: caller-owned out parameter. */
typedef struct ob_balance_fixed {
  ob_header header;
  ob_fixed18 total;
  ob_fixed18 available;
} ob_balance_fixed;

/* ABI 1.4: what a mode needs to pick the open orders to cancel, without the amounts as text.
 * OWNERSHIP: host-owned, valid during the visitor call only. */
typedef struct ob_order_brief {
  ob_header header;
  const char* id;
  const char* tag; /* "" when none */
  uint32_t side;   /* OB_SIDE_* */
  uint32_t type;   /* OB_ORDER_TYPE_* */
  uint32_t state;  /* OB_ORDER_STATUS_* */
} ob_order_brief;

/* Called once per open order, during open_order_briefs, on the caller's thread. */
typedef void (*ob_order_brief_visitor)(void* user, const ob_order_brief* order);

/* "orders/1": orders on the account a trading mode instance was created for. An order the exchange
 * refuses (minimums, funds) is not an error: the call returns OB_OK with state REJECTED and the
 * reason, so a mode can react. OB_ERROR_INVALID_ARGUMENT is for requests that can never work
 * (unknown symbol, missing price). THREAD: [main-thread] for every function. */
#define OB_SERVICE_ORDERS_V1 "orders/1"

typedef struct ob_orders_service_v1 {
  ob_header header;
  void* context;
  ob_status (*create)(void* context, const ob_account* account, const ob_order_request* request, ob_order_view* out,
                      ob_error* error);
  /* Creates `count` (>= 2) orders as one group (OB_GROUP_*); `out` has room for `count` views. */
  ob_status (*create_group)(void* context, const ob_account* account, uint32_t group, const ob_order_request* requests,
                            uint64_t count, ob_order_view* out, ob_error* error);
  /* Orders created when `parent_id` is completely filled (e.g. take-profit and stop-loss of an
   * entry), as one group when `group` is not OB_GROUP_NONE. */
  ob_status (*chain)(void* context, const ob_account* account, const char* parent_id, uint32_t group,
                     const ob_order_request* requests, uint64_t count, ob_error* error);
  /* OB_ERROR_NOT_FOUND when the order is unknown or already closed. */
  ob_status (*cancel)(void* context, const ob_account* account, const char* order_id, ob_error* error);
  /* Open orders of the account on `symbol` (NULL: all), oldest first: writes up to `capacity` and
   * returns how many there are. */
  uint64_t (*open_orders)(void* context, const ob_account* account, const char* symbol, ob_order_view* out,
                          uint64_t capacity);
  ob_status (*market)(void* context, const ob_account* account, const char* symbol, ob_market_info* out,
                      ob_error* error);
  /* The latest price of `symbol` (the last closed candle's close in a backtest). OB_ERROR_STATE when
   * there is none yet. */
  ob_status (*last_price)(void* context, const ob_account* account, const char* symbol, ob_decimal* out,
                          ob_error* error);
  /* ABI 1.4 (check with OB_HAS_FIELD and for NULL before calling; fall back to the text functions
   * above): the same answers in binary, and open orders as briefs. */
  ob_status (*market_rules)(void* context, const ob_account* account, const char* symbol, ob_market_rules* out,
                            ob_error* error);
  ob_status (*last_price_fixed)(void* context, const ob_account* account, const char* symbol, ob_fixed18* out,
                                ob_error* error);
  /* Calls `visit` once per open order of the account on `symbol` (NULL: all), oldest first. */
  ob_status (*open_order_briefs)(void* context, const ob_account* account, const char* symbol,
                                 ob_order_brief_visitor visit, void* user, ob_error* error);
} ob_orders_service_v1;

typedef struct ob_balance {
  ob_header header;
  ob_decimal total;
  ob_decimal available; /* total minus what open orders reserve */
} ob_balance;

/* "portfolio/1": balances of the account (the trading mode's sub-portfolio when it has one).
 * THREAD: [main-thread] for every function. */
#define OB_SERVICE_PORTFOLIO_V1 "portfolio/1"

typedef struct ob_portfolio_service_v1 {
  ob_header header;
  void* context;
  ob_status (*balance)(void* context, const ob_account* account, const char* asset, ob_balance* out, ob_error* error);
  /* The reference market the account is valued in, e.g. "USDT" (NUL-terminated into `out`). */
  ob_status (*reference_market)(void* context, const ob_account* account, char* out, uint64_t capacity,
                                ob_error* error);
  /* The account's value in the reference market at the latest prices. */
  ob_status (*value)(void* context, const ob_account* account, ob_decimal* out, ob_error* error);
  /* Resolves OctoBot's amount syntax for an order on `symbol`: "0.1" (base), "100q" (quote),
   * "12%" or "12a%" (of available), "12t%" (of total), "12p%" (of position), into a base amount at
   * the latest price. `side` says which asset is spent. */
  ob_status (*resolve_amount)(void* context, const ob_account* account, const char* symbol, uint32_t side,
                              const char* expression, ob_decimal* out, ob_error* error);
  /* ABI 1.4 (check with OB_HAS_FIELD and for NULL before calling): balance and value in binary. */
  ob_status (*balance_fixed)(void* context, const ob_account* account, const char* asset, ob_balance_fixed* out,
                             ob_error* error);
  ob_status (*value_fixed)(void* context, const ob_account* account, ob_fixed18* out, ob_error* error);
} ob_portfolio_service_v1;

/* ---------------------------------------------------------------------------------------------
 * Trading modes (OB_KIND_TRADING_MODE). OctoBot's split: the producer decides what and when (from
 * strategy signals, candles, its own order events) and submits decisions; the consumer turns each
 * decision into orders through "orders/1". The host routes decisions through the TradingMode
 * channel, so both halves run in order, on the bot thread.
 * ------------------------------------------------------------------------------------------- */

/* OctoBot's EvaluatorStates. */
#define OB_SIGNAL_VERY_LONG 0
#define OB_SIGNAL_LONG 1
#define OB_SIGNAL_NEUTRAL 2
#define OB_SIGNAL_SHORT 3
#define OB_SIGNAL_VERY_SHORT 4

/* Instances per exchange (a basket, e.g. index mode) or per (exchange, symbol) (most modes). */
#define OB_SCOPE_SYMBOL 0
#define OB_SCOPE_EXCHANGE 1

/* A strategy's note for a symbol. OWNERSHIP: host, borrowed for the call. */
typedef struct ob_strategy_signal {
  ob_header header;
  const char* exchange;
  const char* strategy_name;
  const char* cryptocurrency;
  const char* symbol;
  double eval_note; /* [-1, 1], -1 buy */
  int64_t time_ms;  /* bot time of the note */
  /* ABI 1.2 (check with OB_HAS_FIELD): the strategy's evaluation description (ob_evaluation's),
   * "" when it gave none, never NULL from a 1.2 host. A mode may parse it for what a number cannot
   * carry (DipAnalyserStrategyEvaluator writes "price_weight=2 volume_weight=3"). */
  const char* description;
} ob_strategy_signal;

/* A producer's decision. OWNERSHIP: whoever fills it; borrowed for the call it is passed to. */
typedef struct ob_trading_decision {
  ob_header header;
  const char* symbol;
  uint32_t state; /* OB_SIGNAL_* */
  double final_note;
  const char* data; /* optional mode-specific JSON text (e.g. price targets); may be NULL */
} ob_trading_decision;

/* Where a producer posts decisions. OWNERSHIP: host, valid for the call it is passed to. The
 * decision is copied; the consumer receives it after the producer's callback returns. */
typedef struct ob_decision_sink {
  ob_header header;
  void* context;
  ob_status (*submit)(void* context, const ob_trading_decision* decision, ob_error* error);
} ob_decision_sink;

/* ABI 1.5: a message of the bot's ServiceFeed channel (today the web API's webhook: POST
 * /api/v1/webhook/<feed> with a TradingView-style alert), as a trading mode's producer receives it.
 * OWNERSHIP: host, borrowed for the call; every text is NUL-terminated and never NULL ("" when
 * absent). */
typedef struct ob_service_feed_message {
  ob_header header;
  const char* service; /* the service that published it: "webhook" */
  const char* feed;    /* the feed's name: the <feed> of the webhook's URL */
  /* The run's symbol the message names, in the market's form ("BTC/USDT" for an alert's
   * "BTCUSDT"); "" when it names none the run trades (an exchange-scope instance still hears it). */
  const char* symbol;
  const char* alert_symbol; /* the symbol as the message wrote it; "" when none */
  const char* action;       /* e.g. "buy", as the message wrote it; "" when none */
  const char* body;         /* the message as received (JSON or plain text) */
  uint64_t body_length;     /* bytes of body, without the NUL (the body may hold NULs) */
  int64_t received_ms;      /* when the host received it, ms since the epoch (wall clock, for humans) */
} ob_service_feed_message;

typedef struct ob_trading_mode_vtable {
  ob_header header;
  ob_lifecycle lifecycle;
  uint32_t scope; /* OB_SCOPE_* */
  /* Producer: a strategy posted a note for the instance's symbol (every symbol for SCOPE_EXCHANGE).
   * May be NULL. */
  ob_status (*on_strategy_signal)(ob_instance* instance, const ob_strategy_signal* signal, const ob_decision_sink* sink,
                                  ob_error* error);
  /* Producer: a candle closed on one of the symbols the instance trades (the run's smallest time
   * frame), for time- and price-driven modes (DCA, grid). May be NULL. */
  ob_status (*on_candle)(ob_instance* instance, const ob_candles* candles, const ob_decision_sink* sink,
                         ob_error* error);
  /* Producer: one of the instance's own orders changed (filled, cancelled, ...). May be NULL. */
  ob_status (*on_order_update)(ob_instance* instance, const ob_order_view* order, const ob_decision_sink* sink,
                               ob_error* error);
  /* Consumer: turn a decision into orders. */
  ob_status (*on_decision)(ob_instance* instance, const ob_trading_decision* decision, ob_error* error);
  /* ABI 1.5 (the host checks struct_size, so a 1.4 library never has it called). Producer: a message
   * of the bot's ServiceFeed channel naming the instance's symbol (every message for SCOPE_EXCHANGE).
   * Decisions submitted to `sink` go through the TradingMode channel like the other producers'. May
   * be NULL. THREAD: [main-thread]. */
  ob_status (*on_service_feed)(ob_instance* instance, const ob_service_feed_message* message,
                               const ob_decision_sink* sink, ob_error* error);
} ob_trading_mode_vtable;

/* ABI 1.3: the exchange-connector kind (OB_KIND_EXCHANGE's table) and "credentials/1" are declared in
 * <octobot/exchange.h>, because their events carry channels.h's candles and book levels. */

/* ---------------------------------------------------------------------------------------------
 * Library descriptor
 * ------------------------------------------------------------------------------------------- */

/* One class a library exports. OWNERSHIP: the library, static for the library's lifetime. */
typedef struct ob_class_descriptor {
  ob_header header;
  uint32_t kind;           /* OB_KIND_* */
  const char* name;        /* class name, unique across all loaded tentacles, e.g. "RSIMomentumEvaluator" */
  const char* version;     /* semantic version of the class, e.g. "1.2.0" */
  const char* description; /* one line for reports; may be NULL */
  const void* vtable;      /* the kind's table (ob_ta_evaluator_vtable, ...), begins with ob_header */
} ob_class_descriptor;

/* What a library exports. OWNERSHIP: the library, static for the library's lifetime. */
typedef struct ob_library_descriptor {
  ob_header header;
  const char* sdk_version; /* version of the SDK the library was built with, e.g. "0.1.0" */
  uint32_t class_count;
  const ob_class_descriptor* const* classes; /* class_count pointers */
  /* Called once after load, before any instance is created; `host` stays valid until shutdown
   * returns and may be kept. May be NULL. THREAD: [main-thread]. */
  ob_status (*init)(const ob_host* host, ob_error* error);
  /* Called once before unload, after every instance was destroyed. May be NULL.
   * THREAD: [main-thread]. */
  void (*shutdown)(void);
} ob_library_descriptor;

/* The entry function, exported as OB_ENTRY_SYMBOL. The host passes its own ABI version; a library
 * may return NULL when it cannot serve that host. Must have no side effect: the host may call it in
 * a probe process first. OWNERSHIP: the descriptor is the library's, static. THREAD: [main-thread]. */
typedef const ob_library_descriptor* (*ob_tentacle_entry_fn)(uint16_t host_abi_major, uint16_t host_abi_minor);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OCTOBOT_ABI_H */
