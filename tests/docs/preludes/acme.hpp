#pragma once
// Prelude of the README's acme fragments: what examples/acme/routes.cpp and auth.cpp see.

#include "app.hpp"
#include "model.hpp"

namespace model = acme::model;
