/*
 * OctoBot C++ tentacle ABI, version 1.0.
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
#define OB_ABI_MINOR 0

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
#define OB_HAS_FIELD(ptr, type, field) ((ptr)->header.struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))

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

/* What an instance is created for. OWNERSHIP: host; every pointer is valid for the create call
 * only (copy what you keep). Context strings are NULL when they do not apply to the kind. */
typedef struct ob_instance_args {
  ob_header header;
  const ob_host* host;     /* valid until the library's shutdown: may be kept */
  const ob_config* config; /* merged config: reference config overlaid by the profile's copy */
  const char* exchange;    /* e.g. "binance" */
  const char* symbol;      /* e.g. "BTC/USDT" */
  const char* time_frame;  /* e.g. "1h" */
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
