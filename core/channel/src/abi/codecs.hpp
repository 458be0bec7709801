// How each standard message crosses the C ABI. For every standard channel spec:
//   CMessageOf<Spec>::type / ::kId  its C struct and OB_MESSAGE_* id;
//   write_c(message, out, storage)  fills the C view of a C++ message. The view borrows from the
//                                   message and from `storage` (arrays), valid while both live;
//   read_c(c_message)               the C++ message, copied; throws std::invalid_argument naming a
//                                   malformed field. The caller has checked the header first.
#pragma once

#include <octobot/channel/standard.hpp>
#include <octobot/channels.h>

#include <cstdint>
#include <vector>

namespace octobot::channel::abi {

// Arrays a C view points into (only the order book and recent trades need any).
struct CStorage {
  std::vector<ob_book_level> bids;
  std::vector<ob_book_level> asks;
  std::vector<ob_public_trade> trades;
};

template <typename Spec>
struct CMessageOf;

#define OCTOBOT_C_MESSAGE(SPEC, C_TYPE, ID)               \
  template <>                                             \
  struct CMessageOf<SPEC> {                               \
    using type = C_TYPE;                                  \
    static constexpr std::uint32_t kId = ID;              \
  };                                                      \
  void write_c(const SPEC::Message&, C_TYPE&, CStorage&); \
  [[nodiscard]] SPEC::Message read_c(const C_TYPE&)

OCTOBOT_C_MESSAGE(TimeChannel, ob_time_message, OB_MESSAGE_TIME);
OCTOBOT_C_MESSAGE(OhlcvChannel, ob_ohlcv_message, OB_MESSAGE_OHLCV);
OCTOBOT_C_MESSAGE(KlineChannel, ob_kline_message, OB_MESSAGE_KLINE);
OCTOBOT_C_MESSAGE(TickerChannel, ob_ticker_message, OB_MESSAGE_TICKER);
OCTOBOT_C_MESSAGE(OrderBookChannel, ob_order_book_message, OB_MESSAGE_ORDER_BOOK);
OCTOBOT_C_MESSAGE(RecentTradesChannel, ob_recent_trades_message, OB_MESSAGE_RECENT_TRADES);
OCTOBOT_C_MESSAGE(MarkPriceChannel, ob_mark_price_message, OB_MESSAGE_MARK_PRICE);
OCTOBOT_C_MESSAGE(FundingChannel, ob_funding_message, OB_MESSAGE_FUNDING);
OCTOBOT_C_MESSAGE(BalanceChannel, ob_balance_message, OB_MESSAGE_BALANCE);
OCTOBOT_C_MESSAGE(OrdersChannel, ob_order_message, OB_MESSAGE_ORDER);
OCTOBOT_C_MESSAGE(TradesChannel, ob_trade_message, OB_MESSAGE_TRADE);
OCTOBOT_C_MESSAGE(PositionsChannel, ob_position_message, OB_MESSAGE_POSITION);
OCTOBOT_C_MESSAGE(EvaluatorsChannel, ob_evaluators_message, OB_MESSAGE_EVALUATORS);
OCTOBOT_C_MESSAGE(MatrixChannel, ob_matrix_message, OB_MESSAGE_MATRIX);
OCTOBOT_C_MESSAGE(TradingModeChannel, ob_trading_mode_message, OB_MESSAGE_TRADING_MODE);

#undef OCTOBOT_C_MESSAGE

}  // namespace octobot::channel::abi
