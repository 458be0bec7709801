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
  // Throws ServiceError(OB_ERROR_INVALID_ARGUMENT) for NULL, an account this run does not know, or,
  // while restricted, any account but the one allowed.
  [[nodiscard]] Account& get(const ob_account* handle) const;

  // While an instance's callback runs, only its own account may be used: a tentacle holding another
  // instance's handle (shared through a library's static state) still cannot spend that account's
  // funds. nullptr lifts the restriction (the host's own calls, outside callbacks).
  void restrict_to(const Account* account) noexcept { allowed_ = account != nullptr ? account->handle() : nullptr; }
  [[nodiscard]] const Account* restriction() const noexcept { return reinterpret_cast<const Account*>(allowed_); }

 private:
  std::set<const ob_account*> accounts_;
  const ob_account* allowed_ = nullptr;
};

}  // namespace octobot::trading_modes
