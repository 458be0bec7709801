#include "web_api_views.hpp"

#include <octobot/bot/live_bot.hpp>
#include <octobot/trading/exchange_manager.hpp>
#include <octobot/trading/order.hpp>
#include <octobot/trading/portfolio.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ctime>

namespace octobot::services::detail {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void text(Writer& out, std::string_view value) {
  out.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
void field(Writer& out, const char* key, std::string_view value) {
  out.Key(key);
  text(out, value);
}
void field(Writer& out, const char* key, const commons::Decimal& value) { field(out, key, value.to_string()); }
void field(Writer& out, const char* key, std::uint64_t value) {
  out.Key(key);
  out.Uint64(value);
}
void field(Writer& out, const char* key, std::int64_t value) {
  out.Key(key);
  out.Int64(value);
}

std::string iso_utc(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string_view side_name(channel::Side side) { return side == channel::Side::buy ? "buy" : "sell"; }

std::string done(const rapidjson::StringBuffer& buffer) { return std::string(buffer.GetString(), buffer.GetSize()); }

}  // namespace

std::string status_json(const bot::LiveBot& bot, const WebApiContext& context, std::uint64_t service_feed_messages) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  const bot::LiveBotStats stats = bot.stats();
  const auto now = std::chrono::system_clock::now();
  out.StartObject();
  out.Key("profile");
  out.StartObject();
  field(out, "id", context.profile_id);
  field(out, "name", context.profile_name);
  out.EndObject();
  field(out, "exchange", context.exchange);
  field(out, "trading", bot.kind() == bot::TradingKind::paper ? "paper" : "real");
  out.Key("connected");  // the exchange's markets are known (start step 1 done)
  out.Bool(bot.exchange_manager() != nullptr);
  field(out, "started_at", iso_utc(context.started_at));
  field(out, "uptime_seconds",
        static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(now - context.started_at).count()));
  out.Key("symbols");
  out.StartArray();
  for (const auto& symbol : bot.symbols()) text(out, symbol);
  out.EndArray();
  out.Key("time_frames");
  out.StartArray();
  for (const auto time_frame : bot.time_frames()) text(out, commons::to_string(time_frame));
  out.EndArray();
  field(out, "bot_time_ms", stats.bot_time_ms);
  out.Key("counters");
  out.StartObject();
  field(out, "history_candles", stats.history_candles);
  field(out, "live_candles", stats.live_candles);
  field(out, "strategy_notes", stats.strategy_notes);
  field(out, "order_updates", stats.order_updates);
  field(out, "orders_created", stats.orders_created);
  field(out, "tentacle_errors", stats.tentacle_errors);
  field(out, "service_feed_messages", service_feed_messages);
  out.EndObject();
  out.EndObject();
  return done(buffer);
}

std::optional<std::string> portfolio_json(const bot::LiveBot& bot) {
  const trading::ExchangeManager* exchange = bot.exchange_manager();
  if (exchange == nullptr) return std::nullopt;
  const trading::Portfolio& portfolio = exchange->portfolio();
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  out.Key("assets");
  out.StartObject();
  for (const auto& [asset, balance] : portfolio.balances()) {
    out.Key(asset.c_str());
    out.StartObject();
    field(out, "total", balance.total);
    field(out, "available", balance.available);
    field(out, "locked", balance.locked());
    out.EndObject();
  }
  out.EndObject();
  out.EndObject();
  return done(buffer);
}

std::optional<std::string> orders_json(const bot::LiveBot& bot) {
  const trading::ExchangeManager* exchange = bot.exchange_manager();
  if (exchange == nullptr || !exchange->has_gateway()) return std::nullopt;
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  out.Key("orders");
  out.StartArray();
  for (const trading::Order* order : exchange->gateway().open_orders()) {
    out.StartObject();
    field(out, "id", order->id);
    field(out, "symbol", order->symbol);
    field(out, "side", side_name(order->side));
    field(out, "type", channel::to_string(order->type));
    field(out, "state", trading::to_string(order->state));
    field(out, "amount", order->amount);
    field(out, "filled", order->filled);
    field(out, "price", order->price);
    field(out, "trigger_price", order->trigger_price);
    field(out, "created_at_ms", order->created_at_ms);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return done(buffer);
}

std::string trades_json(const std::deque<channel::TradeMessage>& trades, std::size_t limit) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  out.Key("trades");
  out.StartArray();
  std::size_t count = 0;
  for (auto it = trades.rbegin(); it != trades.rend() && count < limit; ++it, ++count) {
    out.StartObject();
    field(out, "trade_id", it->trade_id);
    field(out, "order_id", it->order_id);
    field(out, "symbol", it->symbol);
    field(out, "side", side_name(it->side));
    field(out, "price", it->price);
    field(out, "amount", it->amount);
    field(out, "fee", it->fee);
    field(out, "fee_currency", it->fee_currency);
    field(out, "timestamp_ms", it->timestamp_ms);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return done(buffer);
}

std::string error_json(const std::string& message, bool with_routes) {
  rapidjson::StringBuffer buffer;
  Writer out(buffer);
  out.StartObject();
  field(out, "error", message);
  if (with_routes) {
    out.Key("routes");
    out.StartArray();
    for (const char* route :
         {"GET /api/v1/status", "GET /api/v1/portfolio", "GET /api/v1/orders", "GET /api/v1/trades?limit=N",
          "POST /api/v1/restart", "POST /api/v1/stop", "POST /api/v1/webhook/<name>"}) {
      text(out, route);
    }
    out.EndArray();
  }
  out.EndObject();
  return done(buffer);
}

}  // namespace octobot::services::detail
