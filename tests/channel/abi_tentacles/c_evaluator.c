/* A tentacle written in plain C11 against octobot/channels.h only. It behaves like a tiny evaluator:
 * subscribes to closed BTC/USDT candles on the 1h and 4h time frames, and for each one publishes a
 * matrix note (-1 when the candle closed up, +1 otherwise) whose description is the close price
 * exactly as received. A candle closing at "0" is reported as an error, which the host must log
 * and isolate. Loaded with dlopen by abi_tentacle_test.cpp. */
#include <octobot/channels.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const ob_channels_service_v1* g_channels = NULL;
static ob_channel_subscription* g_subscription = NULL;
static int g_received = 0;
static int g_released = 0;

static ob_status fail(ob_error* error, ob_status status, const char* message) {
  if (error != NULL) snprintf(error->message, sizeof(error->message), "%s", message);
  return status;
}

static ob_status on_candle(void* user_data, const ob_channel_message* message, ob_error* error) {
  const ob_ohlcv_message* closed = NULL;
  ob_matrix_message note;
  (void)user_data;
  if (message->type != OB_MESSAGE_OHLCV) return fail(error, OB_ERROR_INVALID_ARGUMENT, "expected a candle");
  closed = (const ob_ohlcv_message*)message->payload;
  if (closed->header.struct_size < sizeof(ob_ohlcv_message)) return fail(error, OB_ERROR_GENERIC, "old host");
  ++g_received;
  if (strcmp(closed->candle.close.text, "0") == 0) return fail(error, OB_ERROR_GENERIC, "zero close price");

  memset(&note, 0, sizeof(note));
  note.header.struct_size = (uint32_t)sizeof(note);
  note.header.abi_major = OB_ABI_MAJOR;
  note.header.abi_minor = OB_ABI_MINOR;
  note.type = OB_MESSAGE_MATRIX;
  note.evaluator_name = "CEvaluator";
  note.evaluator_type = OB_EVALUATOR_TYPE_TA;
  note.exchange_name = message->channel_id;
  note.cryptocurrency = closed->cryptocurrency;
  note.symbol = closed->symbol;
  note.time_frame = closed->time_frame;
  note.state = OB_EVAL_READY;
  /* A note is a score, so a double is fine here; the price itself is passed on exactly. */
  note.eval_note = strtod(closed->candle.close.text, NULL) > strtod(closed->candle.open.text, NULL) ? -1.0 : 1.0;
  note.eval_time_ms = closed->candle.open_time_ms;
  note.description = closed->candle.close.text;
  return g_channels->publish(g_channels->context, OB_CHANNEL_MATRIX, "matrix-1", &note, error);
}

static void on_release(void* user_data) {
  (void)user_data;
  ++g_released;
}

OB_EXPORT ob_status c_evaluator_start(const ob_host* host, ob_error* error) {
  static const ob_channel_filter filters[] = {
      {"symbol", "BTC/USDT"}, {"time_frame", "1h"}, {"time_frame", "4h"}, /* a repeated key makes a list */
  };
  ob_channel_subscribe_args args;
  g_channels = (const ob_channels_service_v1*)host->get_service(host, OB_SERVICE_CHANNELS_V1);
  if (g_channels == NULL || g_channels->header.struct_size < sizeof(ob_channels_service_v1)) {
    return fail(error, OB_ERROR_NOT_FOUND, "no channels/1 service");
  }
  memset(&args, 0, sizeof(args));
  args.header.struct_size = (uint32_t)sizeof(args);
  args.header.abi_major = OB_ABI_MAJOR;
  args.header.abi_minor = OB_ABI_MINOR;
  args.channel = OB_CHANNEL_OHLCV;
  args.channel_id = "binance";
  args.filters = filters;
  args.filter_count = (uint32_t)(sizeof(filters) / sizeof(filters[0]));
  args.priority = OB_CHANNEL_PRIORITY_MEDIUM;
  args.consumer_name = "CEvaluator";
  args.on_message = &on_candle;
  args.release = &on_release;
  return g_channels->subscribe(g_channels->context, &args, &g_subscription, error);
}

OB_EXPORT void c_evaluator_stop(void) {
  if (g_subscription != NULL) g_channels->unsubscribe(g_channels->context, g_subscription);
  g_subscription = NULL;
}

OB_EXPORT int c_evaluator_received(void) { return g_received; }
OB_EXPORT int c_evaluator_released(void) { return g_released; }
