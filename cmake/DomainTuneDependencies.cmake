# Finds every third-party dependency once, with one clear line naming the Debian package when
# something is missing. domaintune.sh shows only the lines that start with "DomainTune:".

# Stops configuration with a single actionable line.
function(domaintune_missing what package)
    message(FATAL_ERROR
        "DomainTune: ${what} not found. Install it with `sudo scripts/install-deps` "
        "(Debian package: ${package}).")
endfunction()

find_package(Threads REQUIRED)
find_package(PkgConfig QUIET)
if(NOT PkgConfig_FOUND)
    domaintune_missing("pkg-config" "pkg-config")
endif()

# LibTorch ---------------------------------------------------------------------------------
find_package(Torch QUIET)
if(NOT Torch_FOUND)
    domaintune_missing("LibTorch (TorchConfig.cmake; or set Torch_DIR)" "libtorch-dev")
endif()
if(DEFINED Torch_VERSION AND Torch_VERSION VERSION_LESS 1.13)
    message(FATAL_ERROR
        "DomainTune: LibTorch ${Torch_VERSION} at ${Torch_DIR} is too old; 1.13 or newer is "
        "required. Point Torch_DIR at a newer LibTorch or install libtorch-dev.")
endif()
# TorchConfig exports its flags as TORCH_LIBRARIES + TORCH_CXX_FLAGS; wrap them in one target.
if(NOT TARGET domaintune::torch)
    add_library(domaintune_torch_deps INTERFACE)
    add_library(domaintune::torch ALIAS domaintune_torch_deps)
    target_link_libraries(domaintune_torch_deps INTERFACE ${TORCH_LIBRARIES})
    separate_arguments(_dt_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
    target_compile_options(domaintune_torch_deps INTERFACE ${_dt_torch_flags})
endif()

# c10d's Gloo process group (data-parallel training, core/train/rankgroup.cpp): LibTorch exports
# it, its header needs gloo's and USE_C10D_GLOO.
find_path(DOMAINTUNE_GLOO_INCLUDE_DIR gloo/config.h HINTS ${TORCH_INCLUDE_DIRS})
if(NOT DOMAINTUNE_GLOO_INCLUDE_DIR)
    domaintune_missing("Gloo headers (gloo/config.h)" "libgloo-dev")
endif()

# Plain C/C++ libraries --------------------------------------------------------------------
find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
    domaintune_missing("nlohmann/json 3.10+" "nlohmann-json3-dev")
endif()
# OpenSSL's libcrypto: SHA-256 of model files and bundles (core/store/sha256.cpp).
find_package(OpenSSL QUIET COMPONENTS Crypto)
if(NOT OPENSSL_FOUND)
    domaintune_missing("OpenSSL (libcrypto)" "libssl-dev")
endif()

# libcurl: downloads from the Hugging Face Hub (core/hub).
find_package(CURL 7.85 QUIET)
if(NOT CURL_FOUND)
    domaintune_missing("libcurl 7.85+" "libcurl4-openssl-dev")
endif()

find_package(SQLite3 QUIET)
if(NOT SQLite3_FOUND)
    domaintune_missing("SQLite 3" "libsqlite3-dev")
endif()
find_package(ICU QUIET COMPONENTS uc i18n)
if(NOT ICU_FOUND)
    domaintune_missing("ICU (uc, i18n)" "libicu-dev")
endif()
pkg_check_modules(SENTENCEPIECE QUIET IMPORTED_TARGET sentencepiece)
if(NOT SENTENCEPIECE_FOUND)
    domaintune_missing("sentencepiece" "libsentencepiece-dev")
endif()

# Qt ---------------------------------------------------------------------------------------
set(_dt_qt_components Core)
if(DOMAINTUNE_BUILD_TESTS)
    list(APPEND _dt_qt_components Test)
endif()
if(DOMAINTUNE_BUILD_GUI)
    # PrintSupport must be found before QCustomPlotQt6, whose config does not find it.
    list(APPEND _dt_qt_components Gui Widgets PrintSupport Concurrent LinguistTools)
endif()
if(DOMAINTUNE_BUILD_GUI OR DOMAINTUNE_BUILD_TESTS)
    find_package(Qt6 6.4 QUIET COMPONENTS ${_dt_qt_components})
    if(NOT Qt6_FOUND)
        domaintune_missing("Qt 6.4+ (${_dt_qt_components})"
            "qt6-base-dev qt6-tools-dev qt6-l10n-tools")
    endif()
endif()
if(DOMAINTUNE_BUILD_GUI)
    find_package(QCustomPlotQt6 QUIET)
    if(NOT QCustomPlotQt6_FOUND)
        domaintune_missing("QCustomPlot for Qt 6" "libqcustomplot-dev")
    endif()
endif()
