// Personal data messages across the C ABI.
#include "c_values.hpp"
#include "codecs.hpp"

namespace octobot::channel::abi {

void write_c(const BalanceMessage& in, ob_balance_message& out, CStorage&) {
  out = ob_balance_message{header_of<ob_balance_message>(), OB_MESSAGE_BALANCE, in.currency.c_str(),
                           write_decimal(in.total), write_decimal(in.available)};
}
BalanceMessage read_c(const ob_balance_message& in) {
  return BalanceMessage{read_text(in.currency), read_decimal(in.total, "total"),
                        read_decimal(in.available, "available")};
}

void write_c(const OrderMessage& in, ob_order_message& out, CStorage&) {
  out = ob_order_message{header_of<ob_order_message>(),
                         OB_MESSAGE_ORDER,
                         in.cryptocurrency.c_str(),
                         in.symbol.c_str(),
                         in.order_id.c_str(),
                         in.client_order_id.c_str(),
                         write_enum(in.side),
                         write_enum(in.type),
                         write_enum(in.status),
                         write_decimal(in.price),
                         write_decimal(in.amount),
                         write_decimal(in.filled),
                         in.timestamp_ms,
                         in.from_this_bot ? 1 : 0};
}
OrderMessage read_c(const ob_order_message& in) {
  return OrderMessage{read_text(in.cryptocurrency),
                      read_text(in.symbol),
                      read_text(in.order_id),
                      read_text(in.client_order_id),
                      read_side(in.side, "side"),
                      read_order_type(in.order_type),
                      read_order_status(in.status),
                      read_decimal(in.price, "price"),
                      read_decimal(in.amount, "amount"),
                      read_decimal(in.filled, "filled"),
                      in.timestamp_ms,
                      in.from_this_bot != 0};
}

void write_c(const TradeMessage& in, ob_trade_message& out, CStorage&) {
  out = ob_trade_message{
      header_of<ob_trade_message>(), OB_MESSAGE_TRADE,      in.cryptocurrency.c_str(), in.symbol.c_str(),
      in.trade_id.c_str(),           in.order_id.c_str(),   write_enum(in.side),       write_decimal(in.price),
      write_decimal(in.amount),      write_decimal(in.fee), in.fee_currency.c_str(),   in.timestamp_ms};
}
TradeMessage read_c(const ob_trade_message& in) {
  return TradeMessage{read_text(in.cryptocurrency),
                      read_text(in.symbol),
                      read_text(in.trade_id),
                      read_text(in.order_id),
                      read_side(in.side, "side"),
                      read_decimal(in.price, "price"),
                      read_decimal(in.amount, "amount"),
                      read_decimal(in.fee, "fee"),
                      read_text(in.fee_currency),
                      in.timestamp_ms};
}

void write_c(const PositionMessage& in, ob_position_message& out, CStorage&) {
  out = ob_position_message{header_of<ob_position_message>(),
                            OB_MESSAGE_POSITION,
                            in.cryptocurrency.c_str(),
                            in.symbol.c_str(),
                            write_enum(in.side),
                            write_decimal(in.size),
                            write_decimal(in.entry_price),
                            write_decimal(in.mark_price),
                            write_decimal(in.unrealized_pnl),
                            write_decimal(in.liquidation_price),
                            write_decimal(in.leverage),
                            in.timestamp_ms};
}
PositionMessage read_c(const ob_position_message& in) {
  return PositionMessage{read_text(in.cryptocurrency),
                         read_text(in.symbol),
                         read_position_side(in.side),
                         read_decimal(in.size, "size"),
                         read_decimal(in.entry_price, "entry_price"),
                         read_decimal(in.mark_price, "mark_price"),
                         read_decimal(in.unrealized_pnl, "unrealized_pnl"),
                         read_decimal(in.liquidation_price, "liquidation_price"),
                         read_decimal(in.leverage, "leverage"),
                         in.timestamp_ms};
}

}  // namespace octobot::channel::abi
