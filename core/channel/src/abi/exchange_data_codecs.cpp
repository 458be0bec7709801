// Exchange data messages across the C ABI.
#include "c_values.hpp"
#include "codecs.hpp"

namespace octobot::channel::abi {
namespace {

ob_candle write_candle(const Candle& in) {
  return ob_candle{in.open_time_ms,       write_decimal(in.open),  write_decimal(in.high),
                   write_decimal(in.low), write_decimal(in.close), write_decimal(in.volume)};
}

Candle read_candle(const ob_candle& in) {
  return Candle{in.open_time_ms,
                read_decimal(in.open, "candle.open"),
                read_decimal(in.high, "candle.high"),
                read_decimal(in.low, "candle.low"),
                read_decimal(in.close, "candle.close"),
                read_decimal(in.volume, "candle.volume")};
}

template <typename CMessage, typename Message>
void write_candle_message(const Message& in, CMessage& out) {
  out.header = header_of<CMessage>();
  out.cryptocurrency = in.cryptocurrency.c_str();
  out.symbol = in.symbol.c_str();
  out.time_frame = in.time_frame.c_str();
  out.candle = write_candle(in.candle);
}

template <typename Message, typename CMessage>
Message read_candle_message(const CMessage& in) {
  return Message{read_text(in.cryptocurrency), read_text(in.symbol), read_text(in.time_frame), read_candle(in.candle)};
}

std::vector<BookLevel> read_levels(const ob_book_level* levels, std::uint64_t count, const char* side) {
  if (levels == nullptr && count > 0) throw std::invalid_argument(std::string(side) + ": NULL with a non-zero count");
  std::vector<BookLevel> out;
  out.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::string field = std::string(side) + "[" + std::to_string(i) + "]";
    out.push_back(
        BookLevel{read_decimal(levels[i].price, field + ".price"), read_decimal(levels[i].amount, field + ".amount")});
  }
  return out;
}

void write_levels(const std::vector<BookLevel>& in, std::vector<ob_book_level>& out) {
  out.reserve(in.size());
  for (const BookLevel& level : in)
    out.push_back(ob_book_level{write_decimal(level.price), write_decimal(level.amount)});
}

}  // namespace

void write_c(const OhlcvMessage& in, ob_ohlcv_message& out, CStorage&) {
  write_candle_message(in, out);
  out.type = OB_MESSAGE_OHLCV;
}
OhlcvMessage read_c(const ob_ohlcv_message& in) { return read_candle_message<OhlcvMessage>(in); }

void write_c(const KlineMessage& in, ob_kline_message& out, CStorage&) {
  write_candle_message(in, out);
  out.type = OB_MESSAGE_KLINE;
}
KlineMessage read_c(const ob_kline_message& in) { return read_candle_message<KlineMessage>(in); }

void write_c(const TickerMessage& in, ob_ticker_message& out, CStorage&) {
  out = ob_ticker_message{header_of<ob_ticker_message>(),
                          OB_MESSAGE_TICKER,
                          in.cryptocurrency.c_str(),
                          in.symbol.c_str(),
                          in.timestamp_ms,
                          write_decimal(in.bid),
                          write_decimal(in.ask),
                          write_decimal(in.last),
                          write_decimal(in.base_volume)};
}
TickerMessage read_c(const ob_ticker_message& in) {
  return TickerMessage{read_text(in.cryptocurrency),
                       read_text(in.symbol),
                       in.timestamp_ms,
                       read_decimal(in.bid, "bid"),
                       read_decimal(in.ask, "ask"),
                       read_decimal(in.last, "last"),
                       read_decimal(in.base_volume, "base_volume")};
}

void write_c(const OrderBookMessage& in, ob_order_book_message& out, CStorage& storage) {
  write_levels(in.bids, storage.bids);
  write_levels(in.asks, storage.asks);
  out = ob_order_book_message{header_of<ob_order_book_message>(),
                              OB_MESSAGE_ORDER_BOOK,
                              in.cryptocurrency.c_str(),
                              in.symbol.c_str(),
                              in.timestamp_ms,
                              storage.bids.data(),
                              storage.bids.size(),
                              storage.asks.data(),
                              storage.asks.size()};
}
OrderBookMessage read_c(const ob_order_book_message& in) {
  return OrderBookMessage{read_text(in.cryptocurrency), read_text(in.symbol), in.timestamp_ms,
                          read_levels(in.bids, in.bid_count, "bids"), read_levels(in.asks, in.ask_count, "asks")};
}

void write_c(const RecentTradesMessage& in, ob_recent_trades_message& out, CStorage& storage) {
  storage.trades.reserve(in.trades.size());
  for (const PublicTrade& trade : in.trades) {
    storage.trades.push_back(ob_public_trade{trade.id.c_str(), trade.timestamp_ms, write_enum(trade.side),
                                             write_decimal(trade.price), write_decimal(trade.amount)});
  }
  out = ob_recent_trades_message{header_of<ob_recent_trades_message>(),
                                 OB_MESSAGE_RECENT_TRADES,
                                 in.cryptocurrency.c_str(),
                                 in.symbol.c_str(),
                                 storage.trades.data(),
                                 storage.trades.size()};
}
RecentTradesMessage read_c(const ob_recent_trades_message& in) {
  if (in.trades == nullptr && in.trade_count > 0) throw std::invalid_argument("trades: NULL with a non-zero count");
  RecentTradesMessage out{read_text(in.cryptocurrency), read_text(in.symbol), {}};
  out.trades.reserve(in.trade_count);
  for (std::uint64_t i = 0; i < in.trade_count; ++i) {
    const ob_public_trade& trade = in.trades[i];
    const std::string field = "trades[" + std::to_string(i) + "]";
    out.trades.push_back(PublicTrade{read_text(trade.id), trade.timestamp_ms, read_side(trade.side, field + ".side"),
                                     read_decimal(trade.price, field + ".price"),
                                     read_decimal(trade.amount, field + ".amount")});
  }
  return out;
}

void write_c(const MarkPriceMessage& in, ob_mark_price_message& out, CStorage&) {
  out = ob_mark_price_message{header_of<ob_mark_price_message>(),
                              OB_MESSAGE_MARK_PRICE,
                              in.cryptocurrency.c_str(),
                              in.symbol.c_str(),
                              in.timestamp_ms,
                              write_decimal(in.mark_price)};
}
MarkPriceMessage read_c(const ob_mark_price_message& in) {
  return MarkPriceMessage{read_text(in.cryptocurrency), read_text(in.symbol), in.timestamp_ms,
                          read_decimal(in.mark_price, "mark_price")};
}

void write_c(const FundingMessage& in, ob_funding_message& out, CStorage&) {
  out = ob_funding_message{header_of<ob_funding_message>(), OB_MESSAGE_FUNDING,
                           in.cryptocurrency.c_str(),       in.symbol.c_str(),
                           write_decimal(in.funding_rate),  write_decimal(in.predicted_funding_rate),
                           in.last_funding_time_ms,         in.next_funding_time_ms};
}
FundingMessage read_c(const ob_funding_message& in) {
  return FundingMessage{read_text(in.cryptocurrency),
                        read_text(in.symbol),
                        read_decimal(in.funding_rate, "funding_rate"),
                        read_decimal(in.predicted_funding_rate, "predicted_funding_rate"),
                        in.last_funding_time_ms,
                        in.next_funding_time_ms};
}

}  // namespace octobot::channel::abi
