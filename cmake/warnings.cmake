# Warnings for every target of the project; -Werror in CI (SIMPLEAUTH_WERROR=ON).
add_compile_options(-Wall -Wextra -Wpedantic)
if(SIMPLEAUTH_WERROR)
    add_compile_options(-Werror)
endif()
if(SIMPLEAUTH_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()
