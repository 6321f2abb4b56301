# Versioning and packaging: the generated simpleauth/version.hpp, and what `cmake --install` puts in a
# prefix: the headers, one libsimpleauth.a holding every module, the CMake package SimpleAuth (target
# SimpleAuth::simpleauth) and simpleauth.pc. Included from the top-level CMakeLists.txt after src/.

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# simpleauth/version.hpp: generated in the build tree, installed with the other headers
configure_file(${PROJECT_SOURCE_DIR}/cmake/version.hpp.in ${PROJECT_BINARY_DIR}/include/simpleauth/version.hpp @ONLY)
foreach(target sa_core sa_serve simpleauth)
    target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>)
endforeach()

# The installed library. The build tree's `simpleauth` links the module object libraries, which would
# have to be exported too; this archive takes their objects instead, so the installed interface names
# the system dependencies only. Same objects, same archive name, another directory.
add_library(simpleauth_installed STATIC)
foreach(module sa_serve sa_core sa_crypto sa_server sa_http sa_cache)
    target_sources(simpleauth_installed PRIVATE $<TARGET_OBJECTS:${module}>)
endforeach()
set_target_properties(simpleauth_installed PROPERTIES
                      OUTPUT_NAME simpleauth
                      ARCHIVE_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/package
                      EXPORT_NAME simpleauth
                      LINKER_LANGUAGE CXX)
target_compile_features(simpleauth_installed INTERFACE cxx_std_20)
target_include_directories(simpleauth_installed INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
# what the modules link, as the config file re-creates it with find_dependency and pkg-config
target_link_libraries(simpleauth_installed INTERFACE
    $<INSTALL_INTERFACE:nlohmann_json::nlohmann_json>
    $<INSTALL_INTERFACE:tomlplusplus::tomlplusplus>
    $<INSTALL_INTERFACE:spdlog::spdlog>
    $<INSTALL_INTERFACE:OpenSSL::Crypto>
    $<INSTALL_INTERFACE:PkgConfig::SIMPLEAUTH_MHD>
    $<INSTALL_INTERFACE:PkgConfig::SIMPLEAUTH_XCRYPT>
    $<INSTALL_INTERFACE:PkgConfig::SIMPLEAUTH_ARGON2>
    $<INSTALL_INTERFACE:PkgConfig::SIMPLEAUTH_HIREDIS>
    $<INSTALL_INTERFACE:PkgConfig::SIMPLEAUTH_LIBMEMCACHED>
    $<INSTALL_INTERFACE:Threads::Threads>)

install(TARGETS simpleauth_installed
        EXPORT SimpleAuthTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/simpleauth ${PROJECT_BINARY_DIR}/include/simpleauth
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")

set(SIMPLEAUTH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/SimpleAuth)
install(EXPORT SimpleAuthTargets NAMESPACE SimpleAuth:: DESTINATION ${SIMPLEAUTH_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/SimpleAuthConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/package/SimpleAuthConfig.cmake
                              INSTALL_DESTINATION ${SIMPLEAUTH_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/SimpleAuthConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/SimpleAuthConfig.cmake
              ${PROJECT_BINARY_DIR}/package/SimpleAuthConfigVersion.cmake
        DESTINATION ${SIMPLEAUTH_CMAKE_DIR})

# pkg-config: the prefix is written at install time, so that `cmake --install --prefix P` is honoured
install(CODE "
    set(CMAKE_INSTALL_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
    set(CMAKE_INSTALL_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
    set(PROJECT_VERSION \"${PROJECT_VERSION}\")
    configure_file(\"${PROJECT_SOURCE_DIR}/cmake/simpleauth.pc.in\"
                   \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig/simpleauth.pc\" @ONLY)
    message(STATUS \"Installing: \$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig/simpleauth.pc\")
")
