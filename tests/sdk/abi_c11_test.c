/* Compiled as strict C11 (-std=c11 -pedantic-errors): the ABI headers are plain C. The static
 * assertions freeze the ABI 1.0 layout on LP64 platforms: a field moved, removed or resized fails
 * the build. New fields go at the end of a struct, which these checks allow. */
#include <octobot/abi.h>

#include <stddef.h>
#include <stdio.h>

#if defined(__has_include)
#if __has_include(<octobot/channels.h>)
#include <octobot/channels.h>
#endif
#if __has_include(<octobot/exchange.h>)
#include <octobot/exchange.h>
#endif
#endif

#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
_Static_assert(sizeof(ob_header) == 8, "ob_header is 8 bytes");
_Static_assert(offsetof(ob_error, message) == 8, "ob_error.message follows the header");
_Static_assert(offsetof(ob_host, host_version) == 8, "ob_host layout");
_Static_assert(offsetof(ob_host, get_service) == 16, "ob_host layout");
_Static_assert(offsetof(ob_host, host_context) == 24, "ob_host layout");
_Static_assert(offsetof(ob_log_service_v1, context) == 8, "ob_log_service_v1 layout");
_Static_assert(offsetof(ob_log_service_v1, write) == 16, "ob_log_service_v1 layout");
_Static_assert(offsetof(ob_log_service_v1, enabled) == 24, "ob_log_service_v1 layout");
_Static_assert(offsetof(ob_time_service_v1, now_ms) == 16, "ob_time_service_v1 layout");
_Static_assert(offsetof(ob_config_service_v1, has) == 16, "ob_config_service_v1 layout");
_Static_assert(offsetof(ob_config_service_v1, json) == 64, "ob_config_service_v1 layout");
_Static_assert(offsetof(ob_instance_args, host) == 8, "ob_instance_args layout");
_Static_assert(offsetof(ob_instance_args, time_frame) == 40, "ob_instance_args layout");
_Static_assert(sizeof(ob_lifecycle) == 24, "ob_lifecycle is frozen: it is embedded in every table");
_Static_assert(offsetof(ob_candles, count) == 32, "ob_candles layout");
_Static_assert(offsetof(ob_candles, volume) == 80, "ob_candles layout");
_Static_assert(offsetof(ob_evaluation, state) == 8, "ob_evaluation layout");
_Static_assert(offsetof(ob_evaluation, eval_note) == 16, "ob_evaluation layout");
_Static_assert(offsetof(ob_evaluation, description) == 24, "ob_evaluation layout");
_Static_assert(offsetof(ob_ta_evaluator_vtable, lifecycle) == 8, "ob_ta_evaluator_vtable layout");
_Static_assert(offsetof(ob_ta_evaluator_vtable, evaluate) == 32, "ob_ta_evaluator_vtable layout");
_Static_assert(offsetof(ob_class_descriptor, kind) == 8, "ob_class_descriptor layout");
_Static_assert(offsetof(ob_class_descriptor, vtable) == 40, "ob_class_descriptor layout");
_Static_assert(offsetof(ob_library_descriptor, sdk_version) == 8, "ob_library_descriptor layout");
_Static_assert(offsetof(ob_library_descriptor, class_count) == 16, "ob_library_descriptor layout");
_Static_assert(offsetof(ob_library_descriptor, classes) == 24, "ob_library_descriptor layout");
_Static_assert(offsetof(ob_library_descriptor, shutdown) == 40, "ob_library_descriptor layout");
/* ABI 1.2 appended one field to each of these 1.1 structs; what 1.1 had stays where it was. */
_Static_assert(offsetof(ob_matrix_value, time_frame) == 64, "ob_matrix_value 1.1 layout");
_Static_assert(offsetof(ob_matrix_value, description) == 72, "ob_matrix_value.description is appended (1.2)");
_Static_assert(offsetof(ob_strategy_signal, time_ms) == 48, "ob_strategy_signal 1.1 layout");
_Static_assert(offsetof(ob_strategy_signal, description) == 56, "ob_strategy_signal.description is appended (1.2)");
/* ABI 1.3: the exchange connector's table. Its lifecycle sits where every kind has it, so the host
 * creates and destroys a connector like any instance. */
_Static_assert(offsetof(ob_exchange_vtable, lifecycle) == 8, "ob_exchange_vtable starts like every kind's table");
_Static_assert(offsetof(ob_exchange_vtable, start) == 32, "ob_exchange_vtable layout");
_Static_assert(offsetof(ob_exchange_vtable, fills_since) == 120, "ob_exchange_vtable layout");
/* ABI 1.6 appended submit_order right after the 1.3 table, whose end a 1.5 library's struct_size marks. */
_Static_assert(offsetof(ob_exchange_vtable, submit_order) == 128, "ob_exchange_vtable.submit_order is appended (1.6)");
_Static_assert(sizeof(ob_exchange_vtable) == 136, "ob_exchange_vtable 1.6 size");
_Static_assert(offsetof(ob_exchange_sink, on_connection) == 56, "ob_exchange_sink layout");
_Static_assert(offsetof(ob_credentials_service_v1, get) == 16, "ob_credentials_service_v1 layout");
/* ABI 1.4 appended functions to "orders/1" and "portfolio/1": the 1.1 functions stay where they were
 * (a 1.3 host's shorter table ends right before the new ones), and the binary decimal is 16 bytes. */
_Static_assert(offsetof(ob_orders_service_v1, last_price) == 64, "ob_orders_service_v1 1.1 layout");
_Static_assert(offsetof(ob_orders_service_v1, market_rules) == 72, "market_rules is appended (1.4)");
_Static_assert(offsetof(ob_orders_service_v1, open_order_briefs) == 88, "open_order_briefs is appended (1.4)");
_Static_assert(offsetof(ob_portfolio_service_v1, resolve_amount) == 40, "ob_portfolio_service_v1 1.1 layout");
_Static_assert(offsetof(ob_portfolio_service_v1, balance_fixed) == 48, "balance_fixed is appended (1.4)");
/* ABI 1.5 appended on_service_feed to the trading mode's table: the 1.1 callbacks stay where they were
 * (a 1.4 library's shorter table ends right before it). */
_Static_assert(offsetof(ob_trading_mode_vtable, on_decision) == 64, "ob_trading_mode_vtable 1.1 layout");
_Static_assert(offsetof(ob_trading_mode_vtable, on_service_feed) == 72, "on_service_feed is appended (1.5)");
_Static_assert(offsetof(ob_service_feed_message, body_length) == 56, "ob_service_feed_message layout");
_Static_assert(offsetof(ob_service_feed_message, received_ms) == 64, "ob_service_feed_message layout");
_Static_assert(sizeof(ob_fixed18) == 16, "ob_fixed18 layout");
#endif

int main(void) {
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  ob_evaluation evaluation = {OB_HEADER_INIT(ob_evaluation), OB_EVAL_READY, -1.0, {0}};
  int failed = 0;
  failed += error.header.struct_size != sizeof(ob_error);
  failed += error.header.abi_major != OB_ABI_MAJOR;
  failed += !OB_HAS_FIELD(&evaluation, ob_evaluation, description);
  evaluation.header.struct_size = (uint32_t)offsetof(ob_evaluation, description);
  failed += OB_HAS_FIELD(&evaluation, ob_evaluation, description); /* an older, shorter writer */
  printf("%d passed, %d failed\n", 4 - failed, failed);
  return failed == 0 ? 0 : 1;
}
