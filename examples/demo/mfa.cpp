// Upstream mfa.py: two-stage login. Stage 1 (Basic) gives a one-minute token of realm "mfa" and writes a
// temporary code to <user>_code.txt (standing for an SMS); stage 2 trades that token and the code, or a
// TOTP code of the user's secret, for an ordinary token of realm "demo". Tokens are fsa tokens carried
// by the AUTH parameter (demo-fsa.toml).

#include <fstream>

#include "demo.hpp"
#include "random.hpp"
#include "totp.hpp"

namespace demo {

using sa::Param;

namespace {

// digits random decimal digits: OS random bytes read as one big-endian number, modulo 10^digits
std::string temporary_code(int digits) {
    unsigned long long modulus = 1;
    for (int i = 0; i < digits; ++i) {
        modulus *= 10;
    }
    unsigned long long value = 0;
    for (unsigned char byte : random_bytes(static_cast<std::size_t>(digits))) {
        value = (value * 256 + byte) % modulus;
    }
    std::string code = std::to_string(value);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

}  // namespace

void register_mfa(sa::App& app, Db& db, int otp_digits) {
    auto mfa = app.group("/mfa");
    mfa.get<"/login">(sa::AUTH, sa::authn<"basic">, [&app, &db, otp_digits](sa::CurrentUser user) {
        // the code file is named after the login: one that would leave the directory gets no code
        if (user.login().find('/') != std::string::npos) {
            throw sa::ErrorResponse("cannot set user code", 400);
        }
        std::string code = temporary_code(otp_digits);
        // the login only; refused while a code older than 5 seconds is pending
        if (db.set_user_code(user.login(), code) == 0) {
            throw sa::ErrorResponse("cannot set user code", 400);
        }
        std::ofstream file(user.login() + "_code.txt", std::ios::binary | std::ios::trunc);
        if (!(file << code).flush()) {
            throw std::runtime_error("cannot write the code file of " + user.login());
        }
        return sa::json(app.create_token(user.login(), {.realm = "mfa", .delay = 1.0}));
    });
    mfa.post<"/code">(sa::AUTH,
                      sa::authn<"token">,
                      sa::realm<"mfa">,
                      [&app, &db](sa::CurrentUser user, Param<"code", std::string> code) {
                          auto expected = db.get_user_code(user.login());
                          if (!expected || *expected != *code) {
                              throw sa::ErrorResponse("invalid temporary code for " + user.login(), 401);
                          }
                          db.reset_user_code(user.login());
                          return sa::json(app.create_token(user.login()));
                      });
    mfa.post<"/totp">(sa::AUTH,
                      sa::authn<"token">,
                      sa::realm<"mfa">,
                      [&app, &db, otp_digits](sa::CurrentUser user, Param<"otp", std::string> otp) {
                          auto data = db.get_user_otp_data(user.login());
                          if (!data) {
                              throw std::runtime_error("no OTP data for " + user.login());  // upstream: 500
                          }
                          if (text(data->at(1)) == *otp && !std::holds_alternative<std::monostate>(data->at(1))) {
                              throw sa::ErrorResponse("rejected OTP replay attack on " + user.login(), 401);
                          }
                          auto key = base32_key(text(data->at(0)));
                          if (!key) {
                              throw std::runtime_error("undecodable OTP secret of " + user.login());  // 500
                          }
                          if (!totp_valid(*key, *otp, otp_digits)) {
                              throw sa::ErrorResponse("invalid OTP code for " + user.login(), 401);
                          }
                          db.set_user_otp_last(user.login(), *otp);
                          return sa::json(app.create_token(user.login()));
                      });
    mfa.get<"/test">(sa::AUTH, sa::authn<"token">, [](sa::CurrentUser user) {
        return html("MFA succeeded for " + user.login() + "!");
    });
}

}  // namespace demo
