/*
 * OctoBot C++ tentacle ABI, version 1.0: the "channels/1" host service.
 *
 * Channels carry the bot's data between its parts: exchange data (candles, tickers, order books...),
 * the account's own data (balances, orders, trades, positions) and evaluation results (matrix notes,
 * trading mode signals). A tentacle subscribes to a channel with filters and a priority and receives
 * messages through a callback; it publishes by handing the host a message struct, which the host
 * copies. Same rules as abi.h: every struct begins with ob_header and only grows; every function
 * states OWNERSHIP and THREAD; errors are an ob_status plus a caller-owned ob_error.
 *
 * Channel sets. Each channel belongs to a set named by an id: an exchange's id for exchange data,
 * personal data and TradingMode; a matrix's id for Evaluators and Matrix; the bot's id for Time.
 * A NULL channel_id means "" (a process-wide set).
 *
 * Filters. A subscription lists key/value pairs. A message reaches it when, for every key the
 * subscription names, its value is OB_CHANNEL_WILDCARD, or the message's value is
 * OB_CHANNEL_WILDCARD, or the two are equal. Repeating a key makes a list: any listed value matches.
 * A key the subscription does not name is unconstrained; a key the channel does not have is rejected
 * (OB_ERROR_INVALID_ARGUMENT), so a typo never silently means "never matches". The filter keys of
 * each channel are listed next to its message struct below.
 *
 * Priorities. OB_CHANNEL_PRIORITY_HIGH runs before MEDIUM, which runs before OPTIONAL. A channel
 * with no HIGH or MEDIUM subscriber is paused: producers may skip work (see is_paused).
 *
 * Exact decimals. Prices, amounts, fees and balances are exact decimal numbers, never double. They
 * travel as text in an ob_decimal: "-12.5", "0.000000000000000001". Text was chosen over a
 * (mantissa, exponent) pair because the host's numbers carry up to 39 significant digits (18 after
 * the point), which no 64-bit mantissa holds; text is exact at any size, needs no shared binary
 * layout, and every language can print or parse it. The host always writes the shortest exact form
 * (no exponent, no trailing zeros, "0" for zero). A tentacle may write any decimal with at most 18
 * fractional digits, optionally with an exponent ("1.5e3"); empty text means 0.
 *
 * Threads. Callbacks run on the bot loop thread ([main-thread]); in a backtest that is the engine's
 * thread, inside a time step, in a deterministic order. A subscription's callback never runs
 * concurrently with itself.
 *
 * Licensed under the Apache License, Version 2.0.
 */
#ifndef OCTOBOT_CHANNELS_H
#define OCTOBOT_CHANNELS_H

#include <octobot/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OB_SERVICE_CHANNELS_V1 "channels/1"

/* ---------------------------------------------------------------------------------------------
 * Names, priorities, queue policies
 * ------------------------------------------------------------------------------------------- */

#define OB_CHANNEL_WILDCARD "*"

/* Exchange data (set: exchange id) */
#define OB_CHANNEL_OHLCV "OHLCV"
#define OB_CHANNEL_KLINE "Kline"
#define OB_CHANNEL_TICKER "Ticker"
#define OB_CHANNEL_ORDER_BOOK "OrderBook"
#define OB_CHANNEL_RECENT_TRADES "RecentTrade"
#define OB_CHANNEL_MARK_PRICE "MarkPrice"
#define OB_CHANNEL_FUNDING "Funding"
/* Personal data (set: exchange id) */
#define OB_CHANNEL_BALANCE "Balance"
#define OB_CHANNEL_ORDERS "Orders"
#define OB_CHANNEL_TRADES "Trades"
#define OB_CHANNEL_POSITIONS "Positions"
/* Evaluation (set: matrix id for Evaluators and Matrix, exchange id for TradingMode) */
#define OB_CHANNEL_EVALUATORS "Evaluators"
#define OB_CHANNEL_MATRIX "Matrix"
#define OB_CHANNEL_TRADING_MODE "TradingMode"
/* Clock (set: bot id) */
#define OB_CHANNEL_TIME "Time"

#define OB_CHANNEL_PRIORITY_HIGH 0
#define OB_CHANNEL_PRIORITY_MEDIUM 1
#define OB_CHANNEL_PRIORITY_OPTIONAL 2

/* What a send does when a subscriber already has queue_capacity messages waiting. */
#define OB_CHANNEL_QUEUE_DEFAULT 0     /* the channel's documented policy */
#define OB_CHANNEL_QUEUE_BLOCK 1       /* the producer waits; nothing is lost */
#define OB_CHANNEL_QUEUE_DROP_OLDEST 2 /* the oldest waiting message is discarded */
#define OB_CHANNEL_QUEUE_DROP_NEWEST 3 /* the new message is discarded */

/* ---------------------------------------------------------------------------------------------
 * Value types
 *
 * These few structs are embedded by value or laid out in arrays, so they carry no ob_header and are
 * frozen: they never change. A richer element would be a new type in a new field.
 * ------------------------------------------------------------------------------------------- */

/* ob_decimal (an exact decimal as NUL-terminated text, see "Exact decimals" above), OB_SIDE_*,
 * OB_ORDER_TYPE_*, OB_ORDER_STATUS_*, OB_EVALUATOR_TYPE_* and OB_SIGNAL_* moved to abi.h in ABI 1.1,
 * unchanged, because orders and trading modes use them outside the channels too. */

/* One key/value pair of a subscription filter. Both strings are borrowed for the subscribe call. */
typedef struct ob_channel_filter {
  const char* key;
  const char* value;
} ob_channel_filter;

typedef struct ob_candle {
  int64_t open_time_ms; /* ms since the epoch, UTC */
  ob_decimal open;
  ob_decimal high;
  ob_decimal low;
  ob_decimal close;
  ob_decimal volume; /* in base asset */
} ob_candle;

typedef struct ob_book_level {
  ob_decimal price;
  ob_decimal amount;
} ob_book_level;

typedef struct ob_public_trade {
  const char* id;
  int64_t timestamp_ms;
  uint32_t side; /* OB_SIDE_*: the taker's side */
  ob_decimal price;
  ob_decimal amount;
} ob_public_trade;

/* ---------------------------------------------------------------------------------------------
 * Messages
 *
 * Each message struct begins with ob_header and a `type` (OB_MESSAGE_*). Strings are NUL-terminated
 * UTF-8 and never NULL when the host writes them ("" when not applicable); a tentacle may pass NULL
 * for "". OWNERSHIP: every pointer in a message is borrowed for the call it appears in: the host's
 * messages live until the callback returns, the tentacle's until publish returns (the host copies).
 * ------------------------------------------------------------------------------------------- */

#define OB_MESSAGE_TIME 1
#define OB_MESSAGE_OHLCV 2
#define OB_MESSAGE_KLINE 3
#define OB_MESSAGE_TICKER 4
#define OB_MESSAGE_ORDER_BOOK 5
#define OB_MESSAGE_RECENT_TRADES 6
#define OB_MESSAGE_MARK_PRICE 7
#define OB_MESSAGE_FUNDING 8
#define OB_MESSAGE_BALANCE 9
#define OB_MESSAGE_ORDER 10
#define OB_MESSAGE_TRADE 11
#define OB_MESSAGE_POSITION 12
#define OB_MESSAGE_EVALUATORS 13
#define OB_MESSAGE_MATRIX 14
#define OB_MESSAGE_TRADING_MODE 15

/* OB_CHANNEL_TIME. Filter keys: none. */
typedef struct ob_time_message {
  ob_header header;
  uint32_t type;        /* OB_MESSAGE_TIME */
  int64_t timestamp_ms; /* bot time (simulated in a backtest), ms since the epoch, UTC */
} ob_time_message;

/* OB_CHANNEL_OHLCV: a closed candle. Filter keys: cryptocurrency, symbol, time_frame. */
typedef struct ob_ohlcv_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_OHLCV */
  const char* cryptocurrency;
  const char* symbol;
  const char* time_frame;
  ob_candle candle;
} ob_ohlcv_message;

/* OB_CHANNEL_KLINE: the candle in progress. Filter keys: cryptocurrency, symbol, time_frame. */
typedef struct ob_kline_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_KLINE */
  const char* cryptocurrency;
  const char* symbol;
  const char* time_frame;
  ob_candle candle;
} ob_kline_message;

/* OB_CHANNEL_TICKER. Filter keys: cryptocurrency, symbol. */
typedef struct ob_ticker_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_TICKER */
  const char* cryptocurrency;
  const char* symbol;
  int64_t timestamp_ms;
  ob_decimal bid;
  ob_decimal ask;
  ob_decimal last;
  ob_decimal base_volume; /* rolling 24h, in base asset */
} ob_ticker_message;

/* OB_CHANNEL_ORDER_BOOK: a full snapshot, best levels first. Filter keys: cryptocurrency, symbol. */
typedef struct ob_order_book_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_ORDER_BOOK */
  const char* cryptocurrency;
  const char* symbol;
  int64_t timestamp_ms;
  const ob_book_level* bids;
  uint64_t bid_count;
  const ob_book_level* asks;
  uint64_t ask_count;
} ob_order_book_message;

/* OB_CHANNEL_RECENT_TRADES: market trades, oldest first. Filter keys: cryptocurrency, symbol. */
typedef struct ob_recent_trades_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_RECENT_TRADES */
  const char* cryptocurrency;
  const char* symbol;
  const ob_public_trade* trades;
  uint64_t trade_count;
} ob_recent_trades_message;

/* OB_CHANNEL_MARK_PRICE. Filter keys: cryptocurrency, symbol. */
typedef struct ob_mark_price_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_MARK_PRICE */
  const char* cryptocurrency;
  const char* symbol;
  int64_t timestamp_ms;
  ob_decimal mark_price;
} ob_mark_price_message;

/* OB_CHANNEL_FUNDING. Filter keys: cryptocurrency, symbol. */
typedef struct ob_funding_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_FUNDING */
  const char* cryptocurrency;
  const char* symbol;
  ob_decimal funding_rate;
  ob_decimal predicted_funding_rate;
  int64_t last_funding_time_ms;
  int64_t next_funding_time_ms;
} ob_funding_message;

/* OB_CHANNEL_BALANCE: one asset's balance after a change. Filter keys: currency. */
typedef struct ob_balance_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_BALANCE */
  const char* currency;
  ob_decimal total;
  ob_decimal available; /* total minus what open orders lock */
} ob_balance_message;

/* OB_CHANNEL_ORDERS: an order was created, changed or closed. Filter keys: cryptocurrency, symbol. */
typedef struct ob_order_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_ORDER */
  const char* cryptocurrency;
  const char* symbol;
  const char* order_id;        /* the exchange's id */
  const char* client_order_id; /* ours; may be "" */
  uint32_t side;               /* OB_SIDE_* */
  uint32_t order_type;         /* OB_ORDER_TYPE_* */
  uint32_t status;             /* OB_ORDER_STATUS_* */
  ob_decimal price;            /* limit or trigger price; "0" for market orders */
  ob_decimal amount;           /* in base asset */
  ob_decimal filled;           /* in base asset */
  int64_t timestamp_ms;
  int32_t from_this_bot; /* 0 for orders placed outside OctoBot */
} ob_order_message;

/* OB_CHANNEL_TRADES: one of our orders was (partly) filled. Filter keys: cryptocurrency, symbol. */
typedef struct ob_trade_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_TRADE */
  const char* cryptocurrency;
  const char* symbol;
  const char* trade_id;
  const char* order_id;
  uint32_t side; /* OB_SIDE_* */
  ob_decimal price;
  ob_decimal amount; /* in base asset */
  ob_decimal fee;
  const char* fee_currency;
  int64_t timestamp_ms;
} ob_trade_message;

#define OB_POSITION_SIDE_BOTH 0 /* one-way mode: a single net position */
#define OB_POSITION_SIDE_LONG 1
#define OB_POSITION_SIDE_SHORT 2

/* OB_CHANNEL_POSITIONS. Filter keys: cryptocurrency, symbol. */
typedef struct ob_position_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_POSITION */
  const char* cryptocurrency;
  const char* symbol;
  uint32_t side;   /* OB_POSITION_SIDE_* */
  ob_decimal size; /* contracts; negative for a net short in one-way mode */
  ob_decimal entry_price;
  ob_decimal mark_price;
  ob_decimal unrealized_pnl;
  ob_decimal liquidation_price;
  ob_decimal leverage;
  int64_t timestamp_ms;
} ob_position_message;

/* OB_CHANNEL_EVALUATORS: coordination between evaluators; `data` is JSON agreed between them.
 * Filter keys: evaluator_name, evaluator_type, exchange_name, cryptocurrency, symbol, time_frame. */
typedef struct ob_evaluators_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_EVALUATORS */
  const char* evaluator_name;
  const char* evaluator_type; /* OB_EVALUATOR_TYPE_* */
  const char* exchange_name;
  const char* cryptocurrency;
  const char* symbol;
  const char* time_frame; /* "" when not bound to a time frame */
  const char* data;
} ob_evaluators_message;

/* OB_CHANNEL_MATRIX: a new note in the matrix. eval_note is in [-1, 1]: -1 buy/long, +1 sell/short;
 * a score, not money, hence a double. Filter keys: as OB_CHANNEL_EVALUATORS. */
typedef struct ob_matrix_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_MATRIX */
  const char* evaluator_name;
  const char* evaluator_type; /* OB_EVALUATOR_TYPE_* */
  const char* exchange_name;
  const char* cryptocurrency;
  const char* symbol;
  const char* time_frame; /* "" for real-time and social evaluators */
  uint32_t state;         /* OB_EVAL_PENDING or OB_EVAL_READY (abi.h) */
  double eval_note;       /* meaningful when state == OB_EVAL_READY */
  int64_t eval_time_ms;   /* bot time of the evaluation */
  const char* description;
} ob_matrix_message;

/* OB_CHANNEL_TRADING_MODE: a trading mode producer's decision, for its consumer.
 * Filter keys: trading_mode_name, cryptocurrency, symbol, time_frame. */
typedef struct ob_trading_mode_message {
  ob_header header;
  uint32_t type; /* OB_MESSAGE_TRADING_MODE */
  const char* trading_mode_name;
  const char* exchange_name;
  const char* cryptocurrency;
  const char* symbol;
  const char* time_frame;
  uint32_t state; /* OB_SIGNAL_* */
  double final_note;
  const char* data; /* JSON: mode-specific details */
} ob_trading_mode_message;

/* What a subscription callback receives. OWNERSHIP: host; valid until the callback returns. */
typedef struct ob_channel_message {
  ob_header header;
  const char* channel;    /* e.g. OB_CHANNEL_OHLCV */
  const char* channel_id; /* the set it belongs to, e.g. the exchange id */
  uint32_t type;          /* OB_MESSAGE_*: which struct `payload` points to */
  const void* payload;    /* e.g. an ob_ohlcv_message when type == OB_MESSAGE_OHLCV */
} ob_channel_message;

/* ---------------------------------------------------------------------------------------------
 * Subscriptions
 * ------------------------------------------------------------------------------------------- */

/* Receives one message. Return OB_OK, or a status with a message in `error`: the host logs it with
 * the subscription's name and keeps delivering (to this and every other subscriber).
 * OWNERSHIP: `message` and `error` belong to the host, valid until the callback returns.
 * THREAD: [main-thread]; never concurrently with itself. May call publish, subscribe, unsubscribe
 * and is_paused (including unsubscribe of its own subscription). */
typedef ob_status (*ob_channel_callback)(void* user_data, const ob_channel_message* message, ob_error* error);

/* Called exactly once, when the host will never call on_message for this subscription again and no
 * call is running: inside unsubscribe, or, when unsubscribe was called from this subscription's own
 * callback, right after that callback returns. Free `user_data` here. Not called when subscribe fails.
 * THREAD: the thread that called unsubscribe, or the callback's thread. */
typedef void (*ob_channel_release)(void* user_data);

typedef struct ob_channel_subscribe_args {
  ob_header header;
  const char* channel;              /* e.g. OB_CHANNEL_OHLCV */
  const char* channel_id;           /* e.g. "binance"; NULL means "" */
  const ob_channel_filter* filters; /* filter_count pairs; may be NULL when filter_count is 0 */
  uint32_t filter_count;
  uint32_t priority;         /* OB_CHANNEL_PRIORITY_* */
  const char* consumer_name; /* shown in logs (use the class name); may be NULL */
  ob_channel_callback on_message;
  ob_channel_release release; /* may be NULL */
  void* user_data;            /* passed back to on_message and release */
  uint32_t queue_capacity;    /* 0: the channel's default */
  uint32_t queue_when_full;   /* OB_CHANNEL_QUEUE_* */
} ob_channel_subscribe_args;

typedef struct ob_channel_subscription ob_channel_subscription; /* opaque handle */

/* ---------------------------------------------------------------------------------------------
 * The service table
 * ------------------------------------------------------------------------------------------- */

typedef struct ob_channels_service_v1 {
  ob_header header;
  void* context;

  /* Subscribes to channel `args->channel` of set `args->channel_id`. On OB_OK `*out` holds the
   * handle; on failure (OB_ERROR_NOT_FOUND: no such channel; OB_ERROR_INVALID_ARGUMENT: unknown
   * filter key, bad priority or policy; OB_ERROR_UNSUPPORTED: the channel has no C message type)
   * `*out` is untouched and release is never called. on_message may run before subscribe returns
   * when subscribe is called off the bot thread.
   * OWNERSHIP: `args` and everything it points to are borrowed for the call. The handle belongs to
   * the tentacle until it passes it to unsubscribe; because the callbacks point into the tentacle's
   * code, every subscription must be ended before the library's shutdown returns.
   * THREAD: [any-thread]; in a backtest, the engine's thread. */
  ob_status (*subscribe)(void* context, const ob_channel_subscribe_args* args, ob_channel_subscription** out,
                         ob_error* error);

  /* Ends a subscription. Once it returns, on_message is not running on any other thread and will
   * never be called again. Called from the subscription's own callback it returns at once and the
   * running callback completes normally. `release` is called as described above. Never fails.
   * OWNERSHIP: `subscription` is consumed: invalid once this returns.
   * THREAD: [any-thread]; in a backtest, the engine's thread. */
  void (*unsubscribe)(void* context, ob_channel_subscription* subscription);

  /* Sends `message` (a message struct whose type matches the channel, e.g. an ob_matrix_message to
   * OB_CHANNEL_MATRIX) to the channel's subscribers. OB_ERROR_NOT_FOUND: no such channel;
   * OB_ERROR_INVALID_ARGUMENT: wrong type, struct too small, malformed decimal (the message names
   * the field). The call may wait for room when a subscriber's policy is OB_CHANNEL_QUEUE_BLOCK.
   * OWNERSHIP: `message` is borrowed for the call; the host copies it before returning.
   * THREAD: [any-thread]; for a synchronized (backtesting) channel, the engine's thread. */
  ob_status (*publish)(void* context, const char* channel, const char* channel_id, const void* message,
                       ob_error* error);

  /* Writes 1 into `*out_paused` when the channel has no HIGH or MEDIUM subscriber (producers may
   * skip work), else 0. OB_ERROR_NOT_FOUND when there is no such channel.
   * OWNERSHIP: strings borrowed for the call. THREAD: [any-thread]. */
  ob_status (*is_paused)(void* context, const char* channel, const char* channel_id, int32_t* out_paused,
                         ob_error* error);
} ob_channels_service_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OCTOBOT_CHANNELS_H */
