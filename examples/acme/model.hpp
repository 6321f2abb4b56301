#pragma once
// The acme store database (SQLite): stores, users with their roles, and each store's stock.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace acme::model {

struct Store {
    int sid;
    std::string name;
};

// opens (and on first start creates and seeds) the database; hash makes the seeded users' password hashes
void open(const std::string& path, std::string (*hash)(std::string_view password));

std::optional<std::string> password_hash(std::string_view login);
bool is_employee(std::string_view login);
bool store_exists(int sid);
// whether login holds role in store sid; a manager also holds the employee role of the store
bool has_role(std::string_view login, int sid, std::string_view role);

std::vector<Store> stores(std::string_view pattern);  // SQL LIKE over store names
std::map<std::string, long long> stock(int sid);
long long add_product(int sid, std::string_view product, long long quantity);  // the new quantity

}  // namespace acme::model
