# SPDX-License-Identifier: MIT
# What `cmake --install` and the Debian packages (cmake/ShoalPackaging.cmake) put on a server,
# in two components:
#   shoal  shoald and shoalctl (sbin, as Debian ships ipvsadm), the systemd unit, an example
#          config in /etc/shoal, man pages, bash completion, alert rules, Grafana dashboard, docs
#   tools  shoal-bench, shoal-sim, shoal-loadgen, shoal-echo (bin) and the lab (shoal-lab)
# Test binaries and Catch2 have no install rules, so they never ship. Included at the end of
# the top-level CMakeLists.txt, once every target exists.
include(GNUInstallDirs)

# Installed locations, also written into the unit, the man pages and the lab wrapper.
set(SHOALD_PATH ${CMAKE_INSTALL_FULL_SBINDIR}/shoald)
set(SHOAL_DATA_DIR ${CMAKE_INSTALL_FULL_DATADIR}/shoal)
set(SHOAL_DOC_DIR ${CMAKE_INSTALL_FULL_DATADIR}/doc/shoal)
set(SHOAL_COMPLETION_DIR ${CMAKE_INSTALL_FULL_DATADIR}/bash-completion/completions)
set(SHOAL_LAB_DIR ${CMAKE_INSTALL_PREFIX}/lib/shoal/lab)
# shoald's defaults (control/daemon/shoald_main.cpp) name /etc/shoal whatever the prefix.
set(SHOAL_CONFIG_DIR /etc/shoal)
# Debian keeps units in /lib/systemd/system; another prefix gets its own lib/systemd/system,
# which systemd searches too (/usr/local/lib/systemd/system).
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(SHOAL_SYSTEMD_UNIT_DIR /lib/systemd/system)
else()
  set(SHOAL_SYSTEMD_UNIT_DIR ${CMAKE_INSTALL_PREFIX}/lib/systemd/system)
endif()

# --- shoal -----------------------------------------------------------------------------------
install(TARGETS shoald shoalctl RUNTIME DESTINATION ${CMAKE_INSTALL_SBINDIR} COMPONENT shoal)

configure_file(${PROJECT_SOURCE_DIR}/deploy/systemd/shoald.service.in
               ${PROJECT_BINARY_DIR}/deploy/systemd/shoald.service @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/deploy/systemd/shoald.service
        DESTINATION ${SHOAL_SYSTEMD_UNIT_DIR} COMPONENT shoal)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/config/shoal.json.example
        DESTINATION ${SHOAL_CONFIG_DIR} COMPONENT shoal)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/bash-completion/shoalctl
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT shoal)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/prometheus/shoal-alerts.yml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/shoal/prometheus COMPONENT shoal)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/grafana/shoal-dashboard.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/shoal/grafana COMPONENT shoal)
install(FILES README.md docs/config.md docs/api.md docs/dataplane.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/shoal COMPONENT shoal)
install(FILES deploy/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/shoal
        RENAME monitoring.md COMPONENT shoal)

# Man pages: scdoc sources (docs/man/*.scd, the version and paths filled in at configure
# time) turned into roff and gzipped at build time. SOURCE_DATE_EPOCH (the commit's time)
# keeps their date, and so the packages, reproducible.
find_program(SCDOC scdoc)
find_program(GZIP gzip REQUIRED)
if(NOT SCDOC)
  message(WARNING "scdoc not found (Debian package \"scdoc\"): no man pages; scripts/install-deps.sh installs it")
else()
  set(man_pages)
  foreach(page shoald.8 shoalctl.8 shoald.json.5)
    string(REGEX REPLACE ".*\\.([0-9])$" "\\1" section ${page})
    set(scd ${PROJECT_BINARY_DIR}/man/${page}.scd)
    set(roff ${PROJECT_BINARY_DIR}/man/${page})
    configure_file(${PROJECT_SOURCE_DIR}/docs/man/${page}.scd ${scd} @ONLY)
    add_custom_command(
      OUTPUT ${roff}.gz
      COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=${SHOAL_SOURCE_DATE_EPOCH}
              sh -c "${SCDOC} < ${scd} > ${roff}"
      COMMAND ${GZIP} -9nf ${roff}
      DEPENDS ${scd}
      COMMENT "man page ${page}"
      VERBATIM)
    list(APPEND man_pages ${roff}.gz)
    install(FILES ${roff}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT shoal)
  endforeach()
  add_custom_target(shoal_man_pages ALL DEPENDS ${man_pages})
endif()

# --- tools -----------------------------------------------------------------------------------
# shoal-bench is built with the tests (tests/bench), the others in tools/.
foreach(tool shoal-bench shoal-sim shoal-loadgen shoal-echo)
  if(TARGET ${tool})
    install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
  endif()
endforeach()

# The lab (scripts/lab) wants a build tree: DIR/bin/{shoald,shoal-echo,...} and
# DIR/bpf/shoal_noop.bpf.o. SHOAL_LAB_DIR is laid out as one, bin/ holding relative links to
# the installed binaries, and shoal-lab runs the script with SHOAL_BUILD_DIR pointing there.
install(PROGRAMS scripts/lab DESTINATION lib/shoal/lab/scripts COMPONENT tools)
install(DIRECTORY scripts/lib/ DESTINATION lib/shoal/lab/scripts/lib COMPONENT tools
        FILES_MATCHING PATTERN "lab_*.sh")
get_property(shoal_noop_object GLOBAL PROPERTY shoal_noop_OBJECT)
install(FILES ${shoal_noop_object} DESTINATION lib/shoal/lab/bpf COMPONENT tools)
file(RELATIVE_PATH lab_to_prefix ${SHOAL_LAB_DIR}/bin ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" lab_to_prefix ${lab_to_prefix})
set(lab_links ${PROJECT_BINARY_DIR}/lab-links)
file(MAKE_DIRECTORY ${lab_links})
foreach(tool shoald shoalctl shoal-echo shoal-loadgen)
  set(dir ${CMAKE_INSTALL_BINDIR})
  if(tool MATCHES "^shoal(d|ctl)$")
    set(dir ${CMAKE_INSTALL_SBINDIR})
  endif()
  file(CREATE_LINK ${lab_to_prefix}/${dir}/${tool} ${lab_links}/${tool} SYMBOLIC)
  install(FILES ${lab_links}/${tool} DESTINATION lib/shoal/lab/bin COMPONENT tools)
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/deploy/lab/shoal-lab.in ${PROJECT_BINARY_DIR}/deploy/lab/shoal-lab @ONLY)
install(PROGRAMS ${PROJECT_BINARY_DIR}/deploy/lab/shoal-lab DESTINATION ${CMAKE_INSTALL_SBINDIR} COMPONENT tools)
