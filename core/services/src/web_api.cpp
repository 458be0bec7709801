#include <octobot/bot/live_bot.hpp>
#include <octobot/channel/consumer_options.hpp>
#include <octobot/channel/delivery_mode.hpp>
#include <octobot/channel/executor.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/user_config.hpp>
#include <octobot/services/service_feed.hpp>
#include <octobot/services/web_api.hpp>
#include <octobot/trading/exchange_manager.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <regex>
#include <stdexcept>

#include "web_api_views.hpp"

namespace octobot::services {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using commons::LogLevel;
constexpr const char* kSource = "web";
constexpr std::size_t kKeptTrades = 1000;
constexpr std::size_t kDefaultTrades = 50;

std::string unquoted(const std::string& json) {
  return json.size() >= 2 && json.front() == '"' && json.back() == '"' ? json.substr(1, json.size() - 2) : json;
}

// Compares without stopping at the first difference: the time taken says nothing about the token.
bool same_secret(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= a[i] ^ (i < b.size() ? b[i] : 0);
  return difference == 0;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool same_key(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

void read_key_value_alert(std::string_view body, ServiceFeedMessage& message) {
  while (!body.empty()) {
    const std::size_t end = body.find_first_of(";\n");
    const std::string_view line = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    const std::size_t equal = line.find('=');
    if (equal == std::string_view::npos) continue;
    const std::string_view key = trimmed(line.substr(0, equal));
    const std::string_view value = trimmed(line.substr(equal + 1));
    if (same_key(key, "SYMBOL") || same_key(key, "TICKER")) message.symbol = value;
    if (same_key(key, "SIGNAL") || same_key(key, "ACTION")) message.action = value;
  }
}

// A TradingView-style alert: JSON with "ticker"/"symbol" and "action"/"side" when it has them.
ServiceFeedMessage read_alert(const std::string& feed, std::string body) {
  ServiceFeedMessage message;
  message.service = "webhook";
  message.feed = feed;
  message.received_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  try {
    const auto document = commons::parse_json(body, "webhook " + feed);
    const auto text_of = [&](std::initializer_list<const char*> names) {
      for (const char* name : names) {
        const auto it = document.IsObject() ? document.FindMember(name) : document.MemberEnd();
        if (document.IsObject() && it != document.MemberEnd() && it->value.IsString())
          return std::string(it->value.GetString());
      }
      return std::string();
    };
    message.symbol = text_of({"ticker", "symbol"});
    message.action = text_of({"action", "side"});
  } catch (const std::exception&) {
    // A plain text alert is passed on as it is; its symbol and action are read when it has TradingView
    // signal lines (KEY=value, one per line or ';'-separated: SYMBOL=BTCUSDT, SIGNAL=BUY), so that
    // the trading-mode runner can route it to the instance trading that symbol.
    read_key_value_alert(body, message);
  }
  message.body = std::move(body);
  return message;
}

struct Reply {
  http::status status = http::status::ok;
  std::string body;
  std::string allow;           // 405: the methods the route accepts
  std::function<void()> then;  // after the reply is sent (restart, stop)
};

}  // namespace

WebApiSettings web_api_settings(const commons::UserConfig& config) {
  WebApiSettings settings;
  if (const auto enabled = config.get("interfaces.web.enabled")) {
    if (*enabled != "true" && *enabled != "false")
      throw std::invalid_argument("config.json interfaces.web.enabled is " + *enabled + ": expected true or false");
    settings.enabled = *enabled == "true";
  }
  if (const auto bind = config.get("interfaces.web.bind")) settings.bind = unquoted(*bind);
  if (const auto port = config.get("interfaces.web.port")) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(port->data(), port->data() + port->size(), value);
    if (error != std::errc() || end != port->data() + port->size() || value > 65535)
      throw std::invalid_argument("config.json interfaces.web.port is " + *port + ": expected a port number");
    settings.port = static_cast<std::uint16_t>(value);
  }
  if (const auto token = config.get("interfaces.web.token")) settings.token = unquoted(*token);
  return settings;
}

struct WebApi::Impl : std::enable_shared_from_this<WebApi::Impl> {
  Impl(boost::asio::io_context& io_, const WebApiSettings& settings_, const bot::LiveBot& bot_, WebApiContext context_)
      : io(io_), acceptor(io_), settings(settings_), bot(bot_), context(std::move(context_)) {}

  boost::asio::io_context& io;
  tcp::acceptor acceptor;
  WebApiSettings settings;
  const bot::LiveBot& bot;
  WebApiContext context;
  bool loopback = true;
  std::deque<channel::TradeMessage> trades;
  channel::Subscription trades_subscription;
  std::shared_ptr<channel::Channel<ServiceFeedChannel>> service_feed;  // once the bot is live
  channel::Subscription service_feed_count;
  std::uint64_t service_feed_messages = 0;  // delivered on the channel

  void listen() {
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address(settings.bind, error);
    if (error) throw std::runtime_error("interfaces.web.bind '" + settings.bind + "' is not an IP address");
    loopback = address.is_loopback();
    if (!loopback && settings.token.empty()) {
      throw std::runtime_error("interfaces.web.bind is " + settings.bind +
                               ", not loopback, and interfaces.web.token is not set: the web API refuses to be "
                               "reachable from the network without a token");
    }
    const tcp::endpoint endpoint(address, settings.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint, error);
    if (error) {
      throw std::runtime_error(
          fmt::format("the web API cannot listen on {}:{}: {}", settings.bind, settings.port, error.message()));
    }
    acceptor.listen();
    accept();
  }

  void accept() {
    acceptor.async_accept([self = weak_from_this()](boost::system::error_code error, tcp::socket socket) {
      const auto impl = self.lock();
      if (!impl || error == boost::asio::error::operation_aborted) return;
      if (!error) std::make_shared<Connection>(impl, std::move(socket))->read();
      impl->accept();
    });
  }

  bool authorized(const http::request<http::string_body>& request, std::string_view query = {}) const {
    if (settings.token.empty()) return false;
    // Webhook senders (TradingView) cannot set headers: they may put the token in the URL instead.
    if (query.substr(0, 6) == "token=" && same_secret(query.substr(6), settings.token)) return true;
    const auto field = request[http::field::authorization];
    const std::string_view header(field.data(), field.size());
    constexpr std::string_view prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.substr(0, prefix.size()) != prefix) return false;
    return same_secret(header.substr(prefix.size()), settings.token);
  }

  Reply route(const http::request<http::string_body>& request) {
    const std::string_view target(request.target().data(), request.target().size());
    const auto query_at = target.find('?');
    const std::string_view path = target.substr(0, query_at);
    const std::string_view query = query_at == std::string_view::npos ? "" : target.substr(query_at + 1);
    const bool get = request.method() == http::verb::get;
    const bool post = request.method() == http::verb::post;
    const bool read_route =
        path == "/api/v1/status" || path == "/api/v1/portfolio" || path == "/api/v1/orders" || path == "/api/v1/trades";
    static const std::regex webhook_path(R"(/api/v1/webhook/([A-Za-z0-9_-]{1,64}))");
    std::match_results<std::string_view::const_iterator> webhook;
    const bool webhook_route = std::regex_match(path.begin(), path.end(), webhook, webhook_path);
    const bool command_route = path == "/api/v1/restart" || path == "/api/v1/stop" || webhook_route;
    if (!read_route && !command_route) {
      return {http::status::not_found, detail::error_json("no route " + std::string(path), true), {}, {}};
    }
    if (read_route && !get) return {http::status::method_not_allowed, detail::error_json("use GET"), "GET", {}};
    if (command_route && !post) return {http::status::method_not_allowed, detail::error_json("use POST"), "POST", {}};
    if (command_route || !loopback) {
      if (settings.token.empty()) {
        return {http::status::forbidden,
                detail::error_json("commands are disabled: set interfaces.web.token in config.json"),
                {},
                {}};
      }
      if (!authorized(request, webhook_route ? query : std::string_view())) {
        return {http::status::unauthorized, detail::error_json("missing or wrong Authorization: Bearer token"), {}, {}};
      }
    }
    if (path == "/api/v1/status") {
      return {http::status::ok, detail::status_json(bot, context, service_feed_messages), {}, {}};
    }
    if (path == "/api/v1/portfolio" || path == "/api/v1/orders") {
      auto body = path == "/api/v1/portfolio" ? detail::portfolio_json(bot) : detail::orders_json(bot);
      if (!body) {
        return {http::status::service_unavailable,
                detail::error_json("the bot is still connecting to the exchange"),
                {},
                {}};
      }
      return {http::status::ok, std::move(*body), {}, {}};
    }
    if (path == "/api/v1/trades") {
      std::size_t limit = kDefaultTrades;
      if (query.substr(0, 6) == "limit=") {
        const std::string_view value = query.substr(6);
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), limit);
        if (error != std::errc() || end != value.data() + value.size() || limit == 0 || limit > kKeptTrades) {
          return {http::status::bad_request,
                  detail::error_json(fmt::format("limit must be a number from 1 to {}", kKeptTrades)),
                  {},
                  {}};
        }
      }
      return {http::status::ok, detail::trades_json(trades, limit), {}, {}};
    }
    if (webhook_route) return publish(webhook[1].str(), request.body());
    const bool restart = path == "/api/v1/restart";
    commons::log(LogLevel::info, kSource,
                 restart ? "POST /api/v1/restart: restarting (config.json and the profile are read again)"
                         : "POST /api/v1/stop: stopping gracefully");
    return {http::status::accepted,
            restart ? R"({"result":"restarting"})" : R"({"result":"stopping"})",
            {},
            restart ? context.restart : context.stop};
  }

  Reply publish(const std::string& feed, std::string body) {
    if (!service_feed) {
      return {
          http::status::service_unavailable, detail::error_json("the bot is not live yet: no service feed"), {}, {}};
    }
    ServiceFeedMessage message = read_alert(feed, std::move(body));
    commons::log(
        LogLevel::info, kSource,
        fmt::format("webhook {}: alert published on the ServiceFeed channel (symbol {}, action {})", feed,
                    message.symbol.empty() ? "-" : message.symbol, message.action.empty() ? "-" : message.action));
    service_feed->send(std::move(message));
    return {http::status::accepted, R"({"result":"published","feed":")" + feed + R"("})", {}, {}};
  }

  // One client connection: requests read and answered in turn (keep-alive), 30 s of silence closes it.
  struct Connection : std::enable_shared_from_this<Connection> {
    Connection(std::shared_ptr<Impl> owner_, tcp::socket socket)
        : owner(std::move(owner_)), stream(std::move(socket)) {}

    std::weak_ptr<Impl> owner;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    std::optional<http::request_parser<http::string_body>> parser;
    http::response<http::string_body> response;

    void read() {
      parser.emplace();
      parser->body_limit(64 * 1024);
      stream.expires_after(std::chrono::seconds(30));
      http::async_read(stream, buffer, *parser,
                       [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
    }

    void on_read(beast::error_code error) {
      const auto impl = owner.lock();
      if (error || !impl) return close();
      const auto& request = parser->get();
      Reply reply = impl->route(request);
      response = {};
      response.version(request.version());
      response.result(reply.status);
      response.set(http::field::server, "OctoBot");
      response.set(http::field::content_type, "application/json");
      response.set(http::field::cache_control, "no-store");
      if (!reply.allow.empty()) response.set(http::field::allow, reply.allow);
      if (reply.status == http::status::unauthorized) response.set(http::field::www_authenticate, "Bearer");
      response.keep_alive(request.keep_alive() && !reply.then);
      response.body() = std::move(reply.body);
      response.prepare_payload();
      http::async_write(
          stream, response,
          [self = shared_from_this(), then = std::move(reply.then)](beast::error_code write_error, std::size_t) {
            // The answer is out before the bot goes: the client sees 202 either way.
            if (then) {
              if (self->owner.lock()) then();
              return self->close();
            }
            if (write_error || !self->response.keep_alive()) return self->close();
            self->read();
          });
    }

    void close() {
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream.close();
    }
  };
};

WebApi::WebApi(boost::asio::io_context& io, const WebApiSettings& settings, const bot::LiveBot& bot,
               WebApiContext context)
    : impl_(std::make_shared<Impl>(io, settings, bot, std::move(context))) {
  impl_->listen();
  commons::log(LogLevel::info, kSource,
               fmt::format("web API on http://{}:{}/api/v1/ (status, portfolio, orders, trades; POST restart, stop)",
                           settings.bind, port()));
}

WebApi::~WebApi() {
  boost::system::error_code ignored;
  impl_->acceptor.close(ignored);
  impl_->trades_subscription = {};
  impl_->service_feed_count = {};
  impl_->service_feed.reset();
}

std::uint16_t WebApi::port() const noexcept {
  boost::system::error_code error;
  const auto endpoint = impl_->acceptor.local_endpoint(error);
  return error ? 0 : endpoint.port();
}

void WebApi::on_bot_live() {
  const trading::ExchangeManager* exchange = impl_->bot.exchange_manager();
  if (exchange == nullptr) return;
  auto channel = exchange->registry().get<channel::TradesChannel>(exchange->id());
  impl_->trades_subscription = channel->subscribe(
      [impl = impl_.get()](const channel::TradeMessage& trade) {
        impl->trades.push_back(trade);
        if (impl->trades.size() > kKeptTrades) impl->trades.pop_front();
      },
      channel::ConsumerOptions().with_name("web API: latest trades").with_priority(channel::Priority::optional));
  // The service feed: process-wide in the bot's registry, delivered on the bot loop.
  auto& registry = exchange->registry();
  if (registry.find(ServiceFeedChannel::kName) == nullptr) {
    registry.create<ServiceFeedChannel>("", channel::DeliveryMode::asynchronous(channel::make_executor(impl_->io)));
  }
  impl_->service_feed = registry.get<ServiceFeedChannel>();
  impl_->service_feed_count = impl_->service_feed->subscribe(
      [impl = impl_.get()](const ServiceFeedMessage&) { ++impl->service_feed_messages; },
      channel::ConsumerOptions().with_name("web API: service feed count").with_priority(channel::Priority::optional));
}

}  // namespace octobot::services
