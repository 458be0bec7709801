// The Binance connector tentacle library: one class, `Binance` (the host finds the connector of a
// profile's exchange "binance" by its class name).
#include "binance_connector.hpp"

OCTOBOT_TENTACLE_LIBRARY(octobot::binance::connector::Binance)
