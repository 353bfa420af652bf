# SPDX-License-Identifier: MIT
# Precompiled headers where they pay (measured on this tree: docs/style.md, "Build"). A
# translation unit that includes Asio and Beast spends seconds parsing them, and one that
# includes catch.hpp about a second; loading a large PCH costs about as much, so a PCH is
# reused only by the translation units that include its headers anyway.
#   shoal_asio_pch  Asio (all of it), Beast, nlohmann::json and fmt
#   shoal_test_pch  catch.hpp (tests/support/CMakeLists.txt; shoal_test_executable uses it)
# shoal_use_pch(TARGET PCH [SKIP source...]): TARGET's sources reuse PCH, except those listed.
include_guard(GLOBAL)

function(shoal_pch_target NAME)
  if(NOT SHOAL_PCH)
    return()
  endif()
  cmake_parse_arguments(P "" "" "HEADERS;LIBRARIES" ${ARGN})
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${NAME}.cpp "// The anchor of ${NAME}.\n")
  add_library(${NAME} OBJECT ${CMAKE_CURRENT_BINARY_DIR}/${NAME}.cpp)
  target_link_libraries(${NAME} PRIVATE ${P_LIBRARIES})
  target_precompile_headers(${NAME} PRIVATE ${P_HEADERS})
  # GCC refuses a PCH built with a macro its user does not define (FMT_SHARED, say): users
  # link the same libraries, so they get the same definitions.
  set_target_properties(${NAME} PROPERTIES SHOAL_PCH_LIBRARIES "${P_LIBRARIES}")
endfunction()

function(shoal_use_pch TARGET PCH)
  if(NOT SHOAL_PCH)
    return()
  endif()
  cmake_parse_arguments(P "" "" "SKIP" ${ARGN})
  target_precompile_headers(${TARGET} REUSE_FROM ${PCH})
  get_target_property(libraries ${PCH} SHOAL_PCH_LIBRARIES)
  target_link_libraries(${TARGET} PRIVATE ${libraries})
  if(P_SKIP)
    set_source_files_properties(${P_SKIP} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
  endif()
endfunction()

# Boost 1.74's awaitable.hpp uses std::exchange without including <utility> (tools/common/asio.h).
shoal_pch_target(shoal_asio_pch
  HEADERS <utility> <boost/asio.hpp> <boost/beast/core.hpp> <boost/beast/http.hpp>
          <nlohmann/json.hpp> <fmt/format.h>
  LIBRARIES Boost::boost nlohmann_json::nlohmann_json fmt::fmt Threads::Threads)
