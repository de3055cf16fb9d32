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
# Debian's (libtorch-dev, 1.13) by default. -DDOMAINTUNE_TORCH_DIR=<a LibTorch's cmake dir>
# selects another, e.g. the one inside a PyTorch 2.x wheel (scripts/fetch-libtorch.sh prints the
# path). That LibTorch's libraries are imported from its own lib/ folder rather than through its
# TorchConfig.cmake: a wheel's config looks for a CUDA toolkit, and its find_library() calls
# search the system folders first, so they find Debian's libtorch next to the wheel's headers.
set(DOMAINTUNE_TORCH_DIR "" CACHE PATH
    "A LibTorch's cmake dir (…/share/cmake/Torch) to build against instead of the system's")
option(DOMAINTUNE_TORCH_CUDA
    "With DOMAINTUNE_TORCH_DIR: link its CUDA library too (GPU builds; needs the CUDA runtime)" OFF)
if(DOMAINTUNE_TORCH_DIR)
    get_filename_component(_dt_torch_prefix "${DOMAINTUNE_TORCH_DIR}/../../.." ABSOLUTE)
    set(_dt_torch_api "${_dt_torch_prefix}/include/torch/csrc/api/include")
    foreach(_dt_file lib/libtorch_cpu.so lib/libc10.so include/torch/csrc/api/include/torch/torch.h)
        if(NOT EXISTS "${_dt_torch_prefix}/${_dt_file}")
            message(FATAL_ERROR "DomainTune: DOMAINTUNE_TORCH_DIR=${DOMAINTUNE_TORCH_DIR} is not a "
                "LibTorch's cmake dir: ${_dt_torch_prefix}/${_dt_file} does not exist. Pass the "
                "share/cmake/Torch folder of a LibTorch or of an extracted torch wheel "
                "(scripts/fetch-libtorch.sh DIR prints it).")
        endif()
    endforeach()
    # torch/version.h until 2.9 or so; the numbers moved to torch/headeronly/version.h later.
    file(GLOB _dt_torch_version_files "${_dt_torch_api}/torch/version.h"
        "${_dt_torch_prefix}/include/torch/headeronly/version.h")
    set(_dt_torch_version_lines "")
    foreach(_dt_file ${_dt_torch_version_files})
        file(STRINGS "${_dt_file}" _dt_lines REGEX "define TORCH_VERSION_(MAJOR|MINOR|PATCH) ")
        list(APPEND _dt_torch_version_lines ${_dt_lines})
    endforeach()
    set(Torch_VERSION "")
    foreach(_dt_line ${_dt_torch_version_lines})
        string(REGEX REPLACE ".* ([0-9]+)$" "\\1" _dt_part "${_dt_line}")
        list(APPEND Torch_VERSION "${_dt_part}")
    endforeach()
    string(REPLACE ";" "." Torch_VERSION "${Torch_VERSION}")
    set(TORCH_INCLUDE_DIRS "${_dt_torch_prefix}/include" "${_dt_torch_api}")
    set(TORCH_LIBRARIES "${_dt_torch_prefix}/lib/libtorch_cpu.so" "${_dt_torch_prefix}/lib/libc10.so")
    if(DOMAINTUNE_TORCH_CUDA)
        if(NOT EXISTS "${_dt_torch_prefix}/lib/libtorch_cuda.so")
            message(FATAL_ERROR "DomainTune: DOMAINTUNE_TORCH_CUDA is on but the LibTorch at "
                "${_dt_torch_prefix} has no lib/libtorch_cuda.so (a CPU-only build).")
        endif()
        # Nothing calls into libtorch_cuda directly; loading it registers the CUDA backend.
        set(TORCH_LIBRARIES -Wl,--no-as-needed "${_dt_torch_prefix}/lib/libtorch_cuda.so"
            "${_dt_torch_prefix}/lib/libc10_cuda.so" -Wl,--as-needed ${TORCH_LIBRARIES})
    endif()
    add_library(domaintune_torch_deps INTERFACE)
    add_library(domaintune::torch ALIAS domaintune_torch_deps)
    # LibTorch 2.10 and later need C++20 (their headers say so with #error): every target that
    # includes them (the LibTorch layer of core and what links it) is built as C++20. The code
    # without LibTorch (domaintune_core_base, the sentencepiece plugin) stays C++17, with the
    # main build's exact compile commands, so a CI run's second-LibTorch build takes those
    # objects from the compiler cache instead of compiling ~150 files again. Mixing the two
    # standards is supported by GCC's libstdc++ (one ABI for both; no C++20-only type crosses
    # between the layers), and the LibTorch-2 tests run over exactly that mix.
    file(STRINGS "${_dt_torch_api}/torch/all.h" _dt_needs_cxx20 REGEX "C\\+\\+20 or later")
    if(_dt_needs_cxx20)
        target_compile_features(domaintune_torch_deps INTERFACE cxx_std_20)
    endif()
    target_include_directories(domaintune_torch_deps SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
    target_link_libraries(domaintune_torch_deps INTERFACE ${TORCH_LIBRARIES})
    message(STATUS "DomainTune: LibTorch ${Torch_VERSION} from ${_dt_torch_prefix}")
else()
    find_package(Torch QUIET)
    if(NOT Torch_FOUND)
        domaintune_missing("LibTorch (TorchConfig.cmake; or set DOMAINTUNE_TORCH_DIR)" "libtorch-dev")
    endif()
    # TorchConfig exports its flags as TORCH_LIBRARIES + TORCH_CXX_FLAGS; wrap them in one target.
    add_library(domaintune_torch_deps INTERFACE)
    add_library(domaintune::torch ALIAS domaintune_torch_deps)
    target_link_libraries(domaintune_torch_deps INTERFACE ${TORCH_LIBRARIES})
    separate_arguments(_dt_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
    target_compile_options(domaintune_torch_deps INTERFACE ${_dt_torch_flags})
endif()
if(DEFINED Torch_VERSION AND Torch_VERSION VERSION_LESS 1.13)
    message(FATAL_ERROR
        "DomainTune: LibTorch ${Torch_VERSION} is too old; 1.13 or newer is required. Point "
        "DOMAINTUNE_TORCH_DIR at a newer LibTorch or install libtorch-dev.")
endif()

# c10d's Gloo process group (data-parallel training, core/train/rankgroup.cpp): LibTorch exports
# it, its header needs gloo's and USE_C10D_GLOO. A wheel's LibTorch carries no gloo headers, and
# Debian's belong to the Gloo inside Debian's LibTorch: such a build trains on one process only
# (DOMAINTUNE_HAVE_GLOO off; rankgroup.cpp then refuses with a message).
if(DOMAINTUNE_TORCH_DIR)
    find_path(DOMAINTUNE_GLOO_INCLUDE_DIR gloo/config.h PATHS ${TORCH_INCLUDE_DIRS} NO_DEFAULT_PATH)
else()
    find_path(DOMAINTUNE_GLOO_INCLUDE_DIR gloo/config.h HINTS ${TORCH_INCLUDE_DIRS})
    if(NOT DOMAINTUNE_GLOO_INCLUDE_DIR)
        domaintune_missing("Gloo headers (gloo/config.h)" "libgloo-dev")
    endif()
endif()
if(DOMAINTUNE_GLOO_INCLUDE_DIR)
    set(DOMAINTUNE_HAVE_GLOO ON)
else()
    set(DOMAINTUNE_HAVE_GLOO OFF)
    message(STATUS "DomainTune: this LibTorch has no Gloo headers; data-parallel training is off")
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
