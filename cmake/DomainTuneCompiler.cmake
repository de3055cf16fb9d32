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
