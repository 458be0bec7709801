/*
 * OctoBot C++ tentacle ABI, version 1.3: exchange connectors (OB_KIND_EXCHANGE) and the
 * "credentials/1" service; 1.6 appends submit_order to ob_exchange_vtable (an order written on the
 * calling thread, its outcome delivered later). Same rules as abi.h: every struct begins with
 * ob_header and only grows; every function states OWNERSHIP and THREAD; errors are an ob_status
 * plus a caller-owned ob_error.
 *
 * Licensed under the Apache License, Version 2.0.
 */
#ifndef OCTOBOT_EXCHANGE_H
#define OCTOBOT_EXCHANGE_H

#include <octobot/abi.h>
#include <octobot/channels.h>

#ifdef __cplusplus
extern "C" {
#endif

/* =============================================================================================
 * ABI 1.3: exchange connectors (OB_KIND_EXCHANGE) and the "credentials/1" service.
 *
 * A connector is one exchange account of the live bot (`octobot run`): it delivers market data and
 * the account's order and balance events, and executes the host's orders. Backtests never load one
 * (the simulated exchange plays its part). The host names every order (client order id), persists
 * the name before sending, and can therefore ask the exchange about any order it may have sent after
 * a crash: that is what makes restart reconciliation exact.
 *
 * THREAD: [exchange-thread] — every function of an exchange instance, lifecycle included, is called
 * from one thread the host dedicates to that instance (never the bot loop, so a slow REST call never
 * stalls evaluators); calls are never concurrent, except ABI 1.6's submit_order ([any-thread], see
 * its comment). The sink's functions are [any-thread]: the
 * connector may call them from its own network threads; the host copies each event and hands it to
 * the bot loop in the order received.
 * ============================================================================================= */

/* "credentials/1": an exchange account's API credentials, decrypted by the host on demand (they are
 * stored encrypted in config.json). They never travel in config/1 and must never be logged: copy
 * them into memory you wipe after use. THREAD: [any-thread]. */
#define OB_SERVICE_CREDENTIALS_V1 "credentials/1"

#define OB_CREDENTIAL_API_KEY "api_key"
#define OB_CREDENTIAL_API_SECRET "api_secret"
#define OB_CREDENTIAL_API_PASSWORD "api_password"

typedef struct ob_credentials_service_v1 {
  ob_header header;
  void* context;
  /* Copies the credential `name` (OB_CREDENTIAL_*) of `exchange` (NUL-terminated, truncated to
   * capacity - 1) into `buffer` and stores its full length in `*length`. OB_ERROR_NOT_FOUND when the
   * account has none (paper trading needs none); the error message never contains a secret. */
  ob_status (*get)(void* context, const char* exchange, const char* name, char* buffer, uint64_t capacity,
                   uint64_t* length, ob_error* error);
} ob_credentials_service_v1;

/* Connection states reported through ob_exchange_sink.on_connection. */
#define OB_CONNECTION_CONNECTING 0
#define OB_CONNECTION_CONNECTED 1
#define OB_CONNECTION_DEGRADED 2     /* streams down: data comes from REST polling meanwhile */
#define OB_CONNECTION_DISCONNECTED 3 /* nothing reaches the exchange; the connector keeps retrying */
#define OB_CONNECTION_BANNED 4       /* the exchange refuses requests until `until_ms` (e.g. an IP ban) */

/* Streams a subscription asks for (bit set). */
#define OB_STREAM_CANDLES 1u /* closed candles of (symbol, time_frame), and the candle in progress */
#define OB_STREAM_TICKER 2u
#define OB_STREAM_BOOK 4u

/* Connector error codes, written into ob_error-carrying calls' status (beside the generic ones).
 * Messages say what to do; they never contain a credential. */
#define OB_ERROR_EXCHANGE_NETWORK 100        /* no answer, connection refused, timeout */
#define OB_ERROR_EXCHANGE_AUTH 101           /* invalid key, signature refused, missing permission */
#define OB_ERROR_EXCHANGE_RATE_LIMITED 102   /* the exchange asked to slow down beyond the wait budget */
#define OB_ERROR_EXCHANGE_BANNED 103         /* banned until a time the message names */
#define OB_ERROR_EXCHANGE_CLOCK_SKEW 104     /* local clock too far from the exchange's */
#define OB_ERROR_EXCHANGE_UNAVAILABLE 105    /* the exchange failed (5xx, maintenance) */
#define OB_ERROR_EXCHANGE_UNKNOWN_ORDER 106  /* no order with that client order id */
/* ABI 1.6: submit_order sent nothing (no idle connection, rate-limit back-off or ban, not
 * supported): call create_order instead. Never passed to an ob_order_completion. */
#define OB_ERROR_EXCHANGE_BUSY 107

/* One candle of a stream or a history request. OWNERSHIP: the connector, borrowed for the call. */
typedef struct ob_exchange_candle {
  ob_header header;
  const char* symbol;     /* "BTC/USDT" */
  const char* time_frame; /* "1h" */
  ob_candle candle;
  int32_t closed;    /* non-zero when the candle is final; 0 for the candle in progress */
  int32_t from_rest; /* non-zero when fetched over REST (gap fill after a reconnect, polling) */
} ob_exchange_candle;

typedef struct ob_exchange_ticker {
  ob_header header;
  const char* symbol;
  int64_t time_ms;
  ob_decimal last;
  ob_decimal bid; /* empty when unknown */
  ob_decimal ask;
} ob_exchange_ticker;

typedef struct ob_exchange_book {
  ob_header header;
  const char* symbol;
  int64_t time_ms;
  const ob_book_level* bids; /* best first */
  uint64_t bid_count;
  const ob_book_level* asks; /* best first */
  uint64_t ask_count;
} ob_exchange_book;

/* One execution of an order. */
typedef struct ob_exchange_fill {
  ob_header header;
  char trade_id[OB_ID_CAPACITY];
  int64_t time_ms;
  ob_decimal price;
  ob_decimal amount; /* base */
  ob_decimal fee;
  char fee_asset[OB_ASSET_CAPACITY];
  int32_t maker;
} ob_exchange_fill;

/* An order changed on the exchange. `order->id` is the host's client order id. `fill` is set when
 * the change is an execution (its amount is this execution's, the view's `filled` the cumulated
 * total), NULL otherwise. The connector delivers each execution once (by trade id), whether it
 * learnt it from a stream or from a REST answer. OWNERSHIP: the connector, borrowed for the call. */
typedef struct ob_exchange_order_event {
  ob_header header;
  const ob_order_view* order;
  const ob_exchange_fill* fill;
  const char* exchange_order_id; /* the exchange's own id ("" when unknown) */
} ob_exchange_order_event;

typedef struct ob_asset_balance {
  ob_header header;
  char asset[OB_ASSET_CAPACITY];
  ob_decimal total;
  ob_decimal available;
} ob_asset_balance;

typedef struct ob_exchange_connection {
  ob_header header;
  uint32_t state;     /* OB_CONNECTION_* */
  int64_t until_ms;   /* BANNED: end of the ban; otherwise 0 */
  const char* reason; /* "" when none; never contains a credential */
} ob_exchange_connection;

/* Where a connector pushes what happens. OWNERSHIP: host, valid from start until stop returns.
 * THREAD: [any-thread] for every function. */
typedef struct ob_exchange_sink {
  ob_header header;
  void* context;
  void (*on_candle)(void* context, const ob_exchange_candle* candle);
  void (*on_ticker)(void* context, const ob_exchange_ticker* ticker);
  void (*on_book)(void* context, const ob_exchange_book* book);
  void (*on_order)(void* context, const ob_exchange_order_event* event);
  /* The account's balances after a change (only the assets that changed, or all). `balances` is an
   * array of `count` elements `balances[0].header.struct_size` bytes apart: read it with that stride,
   * never sizeof, since a connector built against a later minor may send a grown ob_asset_balance. */
  void (*on_balances)(void* context, const ob_asset_balance* balances, uint64_t count);
  void (*on_connection)(void* context, const ob_exchange_connection* connection);
} ob_exchange_sink;

/* A market of the exchange. */
typedef struct ob_exchange_market {
  ob_header header;
  char symbol[OB_SYMBOL_CAPACITY];
  const ob_market_info* info; /* OWNERSHIP: the connector, borrowed for the call */
} ob_exchange_market;

/* What the account's API key may do, as the exchange reports it. */
typedef struct ob_key_permissions {
  ob_header header;
  int32_t known;          /* 0 when the exchange cannot tell (the other fields are then 0) */
  int32_t can_read;
  int32_t can_trade;      /* spot trading */
  int32_t can_withdraw;   /* a bot never needs it: the host refuses such a key */
  int32_t ip_restricted;  /* the key only works from listed addresses */
  char detail[OB_REASON_CAPACITY];
} ob_key_permissions;

/* Visitors for results of any size: called once per element, in order, during the call.
 * OWNERSHIP: every pointer is borrowed for the visitor call. */
typedef void (*ob_market_visitor)(void* context, const ob_exchange_market* market);
typedef void (*ob_candle_visitor)(void* context, const ob_exchange_candle* candle);
typedef void (*ob_order_visitor)(void* context, const ob_order_view* order);
typedef void (*ob_fill_visitor)(void* context, const char* client_order_id, const ob_exchange_fill* fill);
typedef void (*ob_balance_visitor)(void* context, const ob_asset_balance* balance);

/* ABI 1.6: the outcome of a submit_order, delivered once. `status` OB_OK: `order` holds the order as
 * create_order's `out` would (a refusal is OB_OK with state REJECTED and the reason) and `error` is
 * NULL; otherwise `order` is NULL and `error` says why (create_order's codes).
 * OWNERSHIP: `order` and `error` are the connector's, borrowed for the call; `context` is the
 * host's `done_context`. THREAD: a connector thread, never the caller inside submit_order. */
typedef void (*ob_order_completion)(void* context, ob_status status, const ob_order_view* order,
                                    const ob_error* error);

typedef struct ob_exchange_vtable {
  ob_header header;
  ob_lifecycle lifecycle; /* create reads the exchange's config (urls, limits); credentials come from credentials/1 */
  /* Connects (time sync, markets, the account's private stream when there are credentials) and
   * keeps `sink` until stop returns. */
  ob_status (*start)(ob_instance* instance, const ob_exchange_sink* sink, ob_error* error);
  /* Closes streams and connections; no sink call after it returns. */
  ob_status (*stop)(ob_instance* instance, ob_error* error);
  ob_status (*markets)(ob_instance* instance, ob_market_visitor visit, void* context, ob_error* error);
  ob_status (*key_permissions)(ob_instance* instance, ob_key_permissions* out, ob_error* error);
  /* Starts pushing `streams` (OB_STREAM_*) of `symbol` (and `time_frame` for candles). */
  ob_status (*subscribe)(ob_instance* instance, const char* symbol, const char* time_frame, uint32_t streams,
                         ob_error* error);
  /* Closed candles opening at or after `since_ms`, oldest first, at most `limit`. */
  ob_status (*candles)(ob_instance* instance, const char* symbol, const char* time_frame, int64_t since_ms,
                       uint64_t limit, ob_candle_visitor visit, void* context, ob_error* error);
  ob_status (*balances)(ob_instance* instance, ob_balance_visitor visit, void* context, ob_error* error);
  /* Sends an order named `client_order_id`. A refusal by the exchange (funds, filters) is a result:
   * OB_OK with state REJECTED and the reason. An uncertain outcome (timeout, 5xx) is settled inside
   * the call by looking the order up under its name before any resend, so an order is never
   * duplicated. Executions known from the answer are also pushed to the sink (once each). */
  ob_status (*create_order)(ob_instance* instance, const ob_order_request* request, const char* client_order_id,
                            ob_order_view* out, ob_error* error);
  /* OB_ERROR_EXCHANGE_UNKNOWN_ORDER when the exchange does not know the name or it is already closed
   * (`out` then holds the last known state when there is one). */
  ob_status (*cancel_order)(ob_instance* instance, const char* symbol, const char* client_order_id,
                            ob_order_view* out, ob_error* error);
  ob_status (*fetch_order)(ob_instance* instance, const char* symbol, const char* client_order_id,
                           ob_order_view* out, ob_error* error);
  ob_status (*open_orders)(ob_instance* instance, const char* symbol, ob_order_visitor visit, void* context,
                           ob_error* error);
  /* The account's executions on `symbol` since `since_ms`, oldest first (reconciliation). */
  ob_status (*fills_since)(ob_instance* instance, const char* symbol, int64_t since_ms, ob_fill_visitor visit,
                           void* context, ob_error* error);
  /* ABI 1.6 (the host checks struct_size, so a 1.5 library never has it called). May be NULL.
   * Sends create_order's order without waiting for the answer: the request's bytes are written on
   * the CALLING thread, then the call returns OB_OK and the outcome comes later through exactly one
   * call of `done(done_context, ...)` from a connector thread, with create_order's result semantics
   * (a refusal is OB_OK + REJECTED with the reason; an uncertain outcome is settled by looking the
   * order up before any resend; executions known from the answer are pushed to the sink, once
   * each). `done` is never called inside submit_order, but it may run on a connector thread before
   * submit_order has returned. Any other status means NOTHING was sent and `done` is never called:
   * OB_ERROR_EXCHANGE_BUSY (no idle connection, rate-limit back-off or ban, not supported) tells the
   * host to use create_order; after other errors too the host uses create_order, which reports the
   * problem. stop calls every pending `done` before it returns, and none after.
   * OWNERSHIP: `request` and `client_order_id` are borrowed for the call (copy what you keep).
   * THREAD: [any-thread] — the host calls it from the bot loop, concurrently with the exchange
   * thread's calls (create_order, fetch_order, configure...), never concurrently with start, stop or
   * destroy, and never after stop. */
  ob_status (*submit_order)(ob_instance* instance, const ob_order_request* request, const char* client_order_id,
                            ob_order_completion done, void* done_context, ob_error* error);
} ob_exchange_vtable;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OCTOBOT_EXCHANGE_H */
