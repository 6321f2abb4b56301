// Upstream app.py: the demo application. Configuration from --config FILE (or the file named by
// $APP_CONFIG), the database from --db (a SQLite path, or a postgresql:// URL; default: the
// configuration's demo.database), created on first start; then the open routes and the blueprints.

#include <simpleauth/server.hpp>
#include <simpleauth/version.hpp>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <vector>

#include "demo.hpp"
#include "random.hpp"

namespace demo {

namespace {

// upload_dir is APP_UPLOAD_DIR: where POST /upload stores files
void register_open_routes(sa::App& app, Db& db, const std::string& upload_dir) {
    app.get<"/version">(sa::OPEN, [] { return sa::json(sa::version); });
    app.get<"/now">(sa::OPEN, [&db] { return sa::json(db.now()); });
    // whoever authenticated, null without (or with wrong) credentials: never a 401
    app.get<"/who">(sa::OPEN, [](std::optional<sa::CurrentUser> user) {
        return sa::json(user ? sa::Json(user->login()) : sa::Json(nullptr));
    });
    // the file is stored under a fresh name: the client's file name is never used as a path
    app.post<"/upload">(sa::OPEN, [upload_dir](sa::File<"file"> file) {
        std::string name = random_uuid4() + ".tmp";
        std::ofstream out(upload_dir + "/" + name, std::ios::binary);
        out << file->content;
        if (!out.flush()) {
            throw std::runtime_error("cannot write " + name);
        }
        std::string mime = file->content_type.substr(0, file->content_type.find(';'));
        while (!mime.empty() && mime.back() == ' ') {
            mime.pop_back();
        }
        for (char& c : mime) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return html(file->filename + " (" + mime + ") saved as " + name, 201);
    });
}

// OTP_DIGITS: digits of the MFA temporary code and of TOTP codes (6 by default; liboath does 6 to 8)
int otp_digits() {
    const char* env = std::getenv("OTP_DIGITS");
    int digits = env != nullptr ? std::atoi(env) : 6;
    if (digits < 6 || digits > 8) {
        throw sa::ConfigError("OTP_DIGITS must be 6, 7 or 8");
    }
    return digits;
}

}  // namespace

int run(int argc, char** argv) {
    // --config FILE and --db TARGET are ours; the rest (--host, --port, --threads...) is the server's
    std::string config_file;
    std::string database;
    std::vector<char*> server_args{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config_file = argv[++i];
        } else if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            database = argv[++i];
        } else {
            server_args.push_back(argv[i]);
        }
    }
    sa::ServerOptions options =
        sa::server_options_from_args(static_cast<int>(server_args.size()), server_args.data(), {});

    sa::App app{"demo"};
    if (config_file.empty()) {
        app.config().from_envvar("APP_CONFIG");
    } else {
        app.config().from_file(config_file);
    }
    if (database.empty()) {
        database = app.config().app_setting("demo.database").value_or("demo.db");
    }
    std::string upload_dir = app.config().app_setting("demo.upload_dir").value_or(".");
    int digits = otp_digits();

    Db db(db::open(database));
    // one transaction per request: committed when the answer is a success, rolled back otherwise
    app.before_request([&db](sa::http::Request&) -> std::optional<sa::http::Response> {
        db.end_request(false);  // a transaction left open by a request that never reached the end
        return std::nullopt;
    });
    app.after_request(
        [&db](const sa::http::Request&, sa::http::Response& response) { db.end_request(response.status < 400); });

    init_auth(app, db);
    register_open_routes(app, db, upload_dir);
    register_stuff(app, db);
    register_users(app, db);
    register_authb(app, db);
    register_scare(app, db);
    register_types(app);
    // as upstream: MFA with fsa tokens, delegated authorizations with JWT
    std::string token_type = app.config().get_string("FSA_TOKEN_TYPE", "fsa");
    if (token_type == "fsa") {
        register_mfa(app, db, digits);
    } else if (token_type == "jwt") {
        register_oauth(app, db);
    }
    app.check();  // every start-up error at once, before the schema is created or the socket opened
    db.create_if_empty([&app](std::string_view password) { return app.hash_password(password); });
    return sa::serve(app, options);
}

}  // namespace demo

int main(int argc, char** argv) try { return demo::run(argc, argv); } catch (const simpleauth::ConfigError& e) {
    std::cerr << "demo: refusing to start: " << e.what() << '\n';
    return 2;
} catch (const std::exception& e) {
    std::cerr << "demo: " << e.what() << '\n';
    return 1;
}
