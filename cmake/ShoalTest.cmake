# SPDX-License-Identifier: MIT
# How tests are added: every tests/ CMakeLists uses these two functions.
#
# shoal_test_executable(NAME src... [LIBRARIES lib...])
#   A Catch2 test program linked with the one Catch main (shoal_catch_main, compiled once)
#   and reusing the precompiled catch.hpp (shoal_test_pch) when SHOAL_PCH is on.
#
# shoal_add_test(NAME name COMMAND cmd... LABELS label... [LOCKS lock...] [TIMEOUT s]
#                [PROPERTIES prop value...])
# shoal_add_test(DISCOVER target PREFIX prefix LABELS label...)
#   One ctest entry (or one per Catch2 case with DISCOVER). LABELS is unit (pure user space),
#   bpf (root, loads the program), e2e (the lab) or package (installs the Debian packages). Tests labelled bpf or e2e make namespaces
#   or attach XDP: they always get RESOURCE_LOCK netns, besides any LOCKS given.
include_guard(GLOBAL)
include(Catch)

set(SHOAL_TEST_LABELS unit bpf e2e style package)

function(shoal_test_executable NAME)
  cmake_parse_arguments(T "" "" "LIBRARIES" ${ARGN})
  add_executable(${NAME} ${T_UNPARSED_ARGUMENTS})
  target_link_libraries(${NAME} PRIVATE shoal_catch_main ${T_LIBRARIES})
  shoal_use_pch(${NAME} shoal_test_pch)
endfunction()

function(shoal_add_test)
  cmake_parse_arguments(T "" "NAME;DISCOVER;PREFIX;TIMEOUT" "COMMAND;LABELS;LOCKS;PROPERTIES"
                        ${ARGN})
  if(NOT T_LABELS)
    message(FATAL_ERROR "shoal_add_test(${T_NAME}${T_DISCOVER}): LABELS is required")
  endif()
  foreach(label IN LISTS T_LABELS)
    if(NOT label IN_LIST SHOAL_TEST_LABELS)
      message(FATAL_ERROR "shoal_add_test: unknown label ${label} (${SHOAL_TEST_LABELS})")
    endif()
    if(label STREQUAL "bpf" OR label STREQUAL "e2e")
      list(APPEND T_LOCKS netns)
    endif()
  endforeach()
  list(REMOVE_DUPLICATES T_LOCKS)
  # Lists inside a property list keep their ';' escaped.
  string(REPLACE ";" "\\;" labels "${T_LABELS}")
  string(REPLACE ";" "\\;" locks "${T_LOCKS}")
  set(props LABELS "${labels}")
  if(T_LOCKS)
    list(APPEND props RESOURCE_LOCK "${locks}")
  endif()
  if(T_TIMEOUT)
    list(APPEND props TIMEOUT ${T_TIMEOUT})
  endif()
  if(T_DISCOVER)
    catch_discover_tests(${T_DISCOVER} TEST_PREFIX "${T_PREFIX}" PROPERTIES ${props} ${T_PROPERTIES})
    return()
  endif()
  add_test(NAME ${T_NAME} COMMAND ${T_COMMAND})
  set_tests_properties(${T_NAME} PROPERTIES ${props} ${T_PROPERTIES})
endfunction()
