# SPDX-License-Identifier: MIT
# Shoal's version, computed once at configure time from git, for the binaries (a generated
# header) and the packages (CPack):
#   SHOAL_VERSION     a Debian-comparable version, the same string in `--version` and the .deb:
#                       tag v1.2.0 exactly           -> 1.2.0
#                       5 commits after v1.2.0       -> 1.2.0+git5.gabc1234
#                       no release tag yet           -> 0.1.0~git312.gabc1234 (project() version,
#                                                       "~": sorts before the 0.1.0 release)
#                       uncommitted changes          -> ... .dirty (+dirty after a bare tag)
#                     Outside git: the project() version. -DSHOAL_VERSION_OVERRIDE=X wins over all.
#   SHOAL_GIT_COMMIT  the full commit id, or "unknown" outside git.
#   SHOAL_SOURCE_DATE_EPOCH  the commit's time (Unix seconds; outside git: now), the date of
#                     the man pages and the package changelog.
# The commit count keeps untagged builds of one branch in upgrade order (dpkg --compare-versions).
# Target shoal_version (INTERFACE) puts "shoal_version.h" on the include path (namespace
# shoal::build: kVersion, kGitCommit); only files that include it rebuild when it changes.
# A commit or checkout re-runs the configure step (it depends on the worktree's HEAD log), so
# the header follows the checked-out commit; a dirty tree is only noticed at configure time.

set(SHOAL_VERSION_OVERRIDE "" CACHE STRING "Use this version instead of the one from git describe")

function(shoal_git OUT)
  execute_process(COMMAND git ${ARGN} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE out ERROR_QUIET RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(rc EQUAL 0)
    set(${OUT} "${out}" PARENT_SCOPE)
  else()
    set(${OUT} "" PARENT_SCOPE)
  endif()
endfunction()

find_package(Git QUIET)
set(SHOAL_GIT_COMMIT unknown)
set(SHOAL_VERSION ${PROJECT_VERSION})
if(GIT_FOUND)
  shoal_git(commit rev-parse --verify HEAD)
endif()
string(TIMESTAMP SHOAL_SOURCE_DATE_EPOCH "%s" UTC)
if(commit)
  set(SHOAL_GIT_COMMIT ${commit})
  shoal_git(SHOAL_SOURCE_DATE_EPOCH log -1 --format=%ct HEAD)
  shoal_git(short rev-parse --short HEAD)
  shoal_git(described describe --tags --long --match "v[0-9]*")
  if(described MATCHES "^v([0-9][0-9A-Za-z.]*)-([0-9]+)-g([0-9a-f]+)$")
    if(CMAKE_MATCH_2 EQUAL 0)
      set(SHOAL_VERSION ${CMAKE_MATCH_1})
    else()
      set(SHOAL_VERSION "${CMAKE_MATCH_1}+git${CMAKE_MATCH_2}.g${CMAKE_MATCH_3}")
    endif()
  else()
    shoal_git(count rev-list --count HEAD)
    set(SHOAL_VERSION "${PROJECT_VERSION}~git${count}.g${short}")
  endif()
  shoal_git(changes status --porcelain --untracked-files=no)
  if(NOT changes STREQUAL "")
    if(SHOAL_VERSION MATCHES "[+~]")
      string(APPEND SHOAL_VERSION ".dirty")
    else()
      string(APPEND SHOAL_VERSION "+dirty")
    endif()
  endif()
  # Re-run configure after a commit or checkout in this worktree.
  shoal_git(head_log rev-parse --path-format=absolute --git-path logs/HEAD)
  if(head_log AND EXISTS "${head_log}")
    set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${head_log}")
  endif()
endif()
if(SHOAL_VERSION_OVERRIDE)
  set(SHOAL_VERSION ${SHOAL_VERSION_OVERRIDE})
endif()
if(NOT SHOAL_VERSION MATCHES "^[0-9][0-9A-Za-z.+~]*$")
  message(FATAL_ERROR "version \"${SHOAL_VERSION}\" is not a Debian version (digits first, then letters, digits, . + ~)")
endif()
message(STATUS "Shoal version ${SHOAL_VERSION} (commit ${SHOAL_GIT_COMMIT})")

configure_file(${CMAKE_CURRENT_LIST_DIR}/shoal_version.h.in ${PROJECT_BINARY_DIR}/generated/shoal_version.h @ONLY)
add_library(shoal_version INTERFACE)
target_include_directories(shoal_version INTERFACE ${PROJECT_BINARY_DIR}/generated)
