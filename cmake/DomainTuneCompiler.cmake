# Compiler settings shared by every target: warnings, ccache, a modest debug level that keeps
# LibTorch translation units within the 2-core / 24 GiB build machines.

find_program(DOMAINTUNE_CCACHE ccache)
if(DOMAINTUNE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_C_COMPILER_LAUNCHER "${DOMAINTUNE_CCACHE}")
    set(CMAKE_CXX_COMPILER_LAUNCHER "${DOMAINTUNE_CCACHE}")
    message(STATUS "DomainTune: compiling through ccache (${DOMAINTUNE_CCACHE})")
endif()

# -g1 keeps line tables for backtraces without the multi-gigabyte debug info that full -g
# produces for every LibTorch translation unit.
string(REPLACE "-g " "-g1 " CMAKE_CXX_FLAGS_RELWITHDEBINFO "${CMAKE_CXX_FLAGS_RELWITHDEBINFO} ")

# Applies the project's warning set to a target of ours (never to third-party code).
function(domaintune_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
endfunction()

# The sentencepiece plugin is opened with RTLD_DEEPBIND (see core/text/spm/spmapi.h). An
# executable that references std::cout gets its own copy of the object through a copy
# relocation; the plugin's libstdc++ would then bind to the uninitialised original and crash
# (tests/core/spmtrainprobe). Addressing external data through the GOT avoids copy relocations.
include(CheckCXXCompilerFlag)
check_cxx_compiler_flag(-mno-direct-extern-access DOMAINTUNE_HAS_NO_DIRECT_EXTERN_ACCESS)
if(DOMAINTUNE_HAS_NO_DIRECT_EXTERN_ACCESS)
    add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-mno-direct-extern-access>)
endif()
