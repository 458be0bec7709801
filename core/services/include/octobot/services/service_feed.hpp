// The service feed channel the web API's webhook publishes on. The types live with the standard
// channels (octobot/channel/standard/service_feed.hpp) so that the trading-mode runner, which
// consumes them, does not depend on the services; these names are kept for the services' side.
#pragma once

#include <octobot/channel/standard/service_feed.hpp>

namespace octobot::services {

using ServiceFeedMessage = channel::ServiceFeedMessage;
using ServiceFeedChannel = channel::ServiceFeedChannel;

}  // namespace octobot::services
