#include "ws_api.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "form_text.hpp"

namespace octobot::testing::fake {

namespace {

// A request's id as it was sent (a string, a number or null), for the answer to echo.
std::string id_json(const rapidjson::Value& request) {
  if (!request.IsObject()) return "null";
  const auto it = request.FindMember("id");
  if (it == request.MemberEnd()) return "null";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  it->value.Accept(writer);
  return buffer.GetString();
}

std::string error_frame(const std::string& id, const Reply& reply) {
  return R"({"id":)" + id + R"(,"status":)" + std::to_string(reply.status) + R"(,"error":)" + reply.body + "}";
}

// A param's text as Binance reads it: a string's characters, a number's digits.
std::optional<std::string> param_text(const rapidjson::Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  return std::nullopt;
}

}  // namespace

WsApiAnswer answer_ws_api(std::string_view frame, std::int64_t next_subscription_id, const Authenticate& authenticate) {
  WsApiAnswer answer;
  rapidjson::Document request;
  request.Parse(frame.data(), frame.size());
  if (request.HasParseError() || !request.IsObject() || !request.HasMember("method") || !request["method"].IsString()) {
    answer.frame = error_frame("null", error_reply(-1102,
                                                   "Mandatory parameter 'method' was not sent, was empty/null, "
                                                   "or malformed."));
    return answer;
  }
  const std::string id = id_json(request);
  answer.method = request["method"].GetString();
  Params params;
  if (const auto it = request.FindMember("params"); it != request.MemberEnd() && it->value.IsObject()) {
    for (const auto& member : it->value.GetObject()) {
      const auto text = param_text(member.value);
      if (!text) {
        answer.frame = error_frame(id, error_reply(-1100, std::string("Illegal characters found in parameter '") +
                                                              member.name.GetString() + "'."));
        return answer;
      }
      params[member.name.GetString()] = *text;
    }
  }
  if (answer.method == "userDataStream.subscribe.signature") {
    // The WS API signs its params sorted by name (a std::map's order), the signature left out.
    std::string query;
    std::string signature;
    for (const auto& [name, value] : params) {
      if (name == "signature") {
        signature = value;
        continue;
      }
      if (!query.empty()) query.push_back('&');
      query += name + "=" + value;
    }
    // Sent as a JSON string, not form-encoded: encoded here for the REST side's check, which decodes it.
    if (!signature.empty()) query += "&signature=" + form_encode(signature);
    const auto key = params.find("apiKey");
    const Reply refused =
        authenticate(query, params, key == params.end() ? std::string() : key->second, key != params.end());
    if (refused.status != 0) {
      answer.frame = error_frame(id, refused);
      return answer;
    }
    answer.subscribed = next_subscription_id;
    answer.frame =
        R"({"id":)" + id + R"(,"status":200,"result":{"subscriptionId":)" + std::to_string(next_subscription_id) + "}}";
    return answer;
  }
  if (answer.method == "userDataStream.unsubscribe") {
    answer.unsubscribed = true;
    answer.frame = R"({"id":)" + id + R"(,"status":200,"result":{}})";
    return answer;
  }
  answer.frame = error_frame(
      id, error_reply(-1100, "Unknown method (the fake serves userDataStream.subscribe.signature and .unsubscribe)."));
  return answer;
}

}  // namespace octobot::testing::fake
