// The accounts a run's services may be asked about. A tentacle passes back the ob_account* it was
// created with; anything else (a stale or forged pointer) is refused instead of dereferenced.
#pragma once

#include <octobot/trading_modes/account.hpp>

#include <set>

namespace octobot::trading_modes {

class AccountSet {
 public:
  void add(Account& account) { accounts_.insert(account.handle()); }
  void remove(const Account& account) { accounts_.erase(account.handle()); }
  // Throws ServiceError(OB_ERROR_INVALID_ARGUMENT) for NULL or an account this run does not know.
  [[nodiscard]] Account& get(const ob_account* handle) const;

 private:
  std::set<const ob_account*> accounts_;
};

}  // namespace octobot::trading_modes
