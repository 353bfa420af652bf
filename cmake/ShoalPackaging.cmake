# SPDX-License-Identifier: MIT
# Debian packages of the install components (cmake/ShoalInstall.cmake), built by
# scripts/package.sh (configure with -DCMAKE_INSTALL_PREFIX=/usr, then cpack) into
# build/packages/:
#   shoal            shoald, shoalctl, the unit, /etc/shoal, man pages, completion, monitoring
#   shoal-tools      shoal-bench, shoal-sim, shoal-loadgen, shoal-echo, shoal-lab
#   shoal-dbg, shoal-tools-dbg  the two packages' debug symbols (/usr/lib/debug/.build-id)
# The binaries are built with -O2 -g (RelWithDebInfo) and stripped at packaging time by
# cmake/ShoalDebugSymbols.cmake, which moves their debug information into the -dbg packages.
# (CPack's own CPACK_DEBIAN_DEBUGINFO_PACKAGE cannot be used: it insists on a build id in every
# unstripped ELF file, and the lab's eBPF object has none; Debian ships such objects unstripped.)
# Versions come from git (cmake/ShoalVersion.cmake); dependencies from dpkg-shlibdeps.
include(GNUInstallDirs)

set(SHOAL_PACKAGE_MAINTAINER "Shoal maintainers <shoal-maintainers@example.org>"
    CACHE STRING "Maintainer field of the Debian packages")

# /usr/share/doc/<package>/{copyright,changelog.gz} for each package. The changelog is that
# of a native package: one entry, this build's version, dated at its commit.
set(pkg_doc ${PROJECT_BINARY_DIR}/debian)
file(MAKE_DIRECTORY ${pkg_doc})
file(READ ${PROJECT_SOURCE_DIR}/LICENSE license_text)
string(REGEX MATCH "Copyright \\(c\\) ([^\n]*)" _ "${license_text}")
set(copyright_holder "${CMAKE_MATCH_1}")
# The Expat (MIT) text without its title and copyright line, up to its last line ("SOFTWARE."),
# each line indented, "." for a blank one. LICENSE then says the BPF programs are dual-licensed.
string(REGEX REPLACE "^[^\n]*License\n+Copyright[^\n]*\n+" "" license_text "${license_text}")
string(REGEX MATCH "^.*\nSOFTWARE\\." license_text "${license_text}")
string(REGEX REPLACE "\n[ \t]*\n" "\n.\n" license_text "${license_text}")
string(REPLACE "\n" "\n " license_text "${license_text}")
file(WRITE ${pkg_doc}/copyright
     "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
     "Upstream-Name: shoal\n\n"
     "Files: *\nCopyright: ${copyright_holder}\nLicense: Expat\n\n"
     "Files: bpf/*\nCopyright: ${copyright_holder}\nLicense: GPL-2 or Expat\n"
     "Comment: The XDP programs (loaded by shoald, and the lab's no-op program) are\n"
     " dual-licensed because the kernel requires a GPL-compatible license for some of\n"
     " the helpers they call.\n\n"
     "License: Expat\n ${license_text}\n\n"
     "License: GPL-2\n"
     " On Debian systems, the full text of the GNU General Public License version 2\n"
     " can be found in the file /usr/share/common-licenses/GPL-2.\n")
if(SHOAL_SOURCE_DATE_EPOCH)
  set(saved_epoch "$ENV{SOURCE_DATE_EPOCH}")
  set(ENV{SOURCE_DATE_EPOCH} ${SHOAL_SOURCE_DATE_EPOCH})
endif()
string(TIMESTAMP changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
if(SHOAL_SOURCE_DATE_EPOCH)
  set(ENV{SOURCE_DATE_EPOCH} "${saved_epoch}")
endif()
file(WRITE ${pkg_doc}/changelog
     "shoal (${SHOAL_VERSION}) unstable; urgency=medium\n\n"
     "  * Built from git commit ${SHOAL_GIT_COMMIT}.\n\n"
     " -- ${SHOAL_PACKAGE_MAINTAINER}  ${changelog_date}\n")
execute_process(COMMAND ${GZIP} -9nf ${pkg_doc}/changelog)
foreach(component_package shoal:shoal shoal_dbg:shoal-dbg tools:shoal-tools tools_dbg:shoal-tools-dbg)
  string(REPLACE ":" ";" pair ${component_package})
  list(GET pair 0 component)
  list(GET pair 1 package)
  install(FILES ${pkg_doc}/copyright ${pkg_doc}/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
endforeach()

install(FILES ${PROJECT_SOURCE_DIR}/deploy/debian/shoal-tools.lintian-overrides
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME shoal-tools COMPONENT tools)

# Conffiles: dpkg keeps an administrator's edits of these across upgrades.
file(WRITE ${pkg_doc}/conffiles "${SHOAL_CONFIG_DIR}/shoal.json.example\n")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME shoal)
set(CPACK_PACKAGE_VERSION ${SHOAL_VERSION})
set(CPACK_PACKAGE_VENDOR "The Shoal authors")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL shoal shoal_dbg tools tools_dbg)
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/ShoalDebugSymbols.cmake)
set(CPACK_SHOAL_DEBUG_SPLIT "shoal:shoal_dbg;tools:tools_dbg") # read by ShoalDebugSymbols.cmake

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_VERSION ${SHOAL_VERSION})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${SHOAL_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF) # on below for the two packages with binaries

set(CPACK_DEBIAN_SHOAL_PACKAGE_NAME shoal)
set(CPACK_DEBIAN_SHOAL_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SHOAL_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_SHOAL_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_SHOAL_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/postinst ${PROJECT_SOURCE_DIR}/deploy/debian/prerm
    ${PROJECT_SOURCE_DIR}/deploy/debian/postrm ${pkg_doc}/conffiles)
set(CPACK_DEBIAN_SHOAL_DESCRIPTION
    "XDP layer-4 load balancer for edge fleets
Shoal spreads connections over every server of a fleet without a load-balancer
tier: routers spread packets with ECMP, and an XDP program on every server
hashes each flow into a forwarding table shared by the fleet. A packet that
belongs on another server is GUE-encapsulated to it, so established connections
survive drains, weight changes and failures.

This package contains shoald (the agent and conductor daemon), shoalctl, the
systemd unit, man pages, bash completion, Prometheus alert rules and a Grafana
dashboard.")

set(CPACK_DEBIAN_TOOLS_PACKAGE_NAME shoal-tools)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SECTION net)
set(CPACK_DEBIAN_TOOLS_PACKAGE_SHLIBDEPS ON)
# The lab's scripts run ip, ethtool, nsenter, curl and python3; etcd for --store etcd.
set(CPACK_DEBIAN_TOOLS_PACKAGE_DEPENDS "iproute2, ethtool, curl, python3")
set(CPACK_DEBIAN_TOOLS_PACKAGE_RECOMMENDS "shoal (= ${SHOAL_VERSION})")
set(CPACK_DEBIAN_TOOLS_PACKAGE_SUGGESTS "etcd-server")
set(CPACK_DEBIAN_TOOLS_DESCRIPTION
    "XDP layer-4 load balancer for edge fleets - benchmarks and lab
Tools that come with Shoal: shoal-bench (the table builder against Maglev, and
the XDP program's cost per packet path), shoal-sim (the load controller against
a simulated data centre), shoal-loadgen and shoal-echo (a load generator and
the service behind the VIPs), and shoal-lab, a fleet of servers, a router and
clients in network namespaces on one machine.")

foreach(pair "SHOAL_DBG:shoal-dbg:shoal" "TOOLS_DBG:shoal-tools-dbg:shoal-tools")
  string(REPLACE ":" ";" pair ${pair})
  list(GET pair 0 component)
  list(GET pair 1 package)
  list(GET pair 2 of)
  set(CPACK_DEBIAN_${component}_PACKAGE_NAME ${package})
  set(CPACK_DEBIAN_${component}_PACKAGE_SECTION debug)
  set(CPACK_DEBIAN_${component}_PACKAGE_DEPENDS "${of} (= ${SHOAL_VERSION})")
  set(CPACK_DEBIAN_${component}_DESCRIPTION
      "XDP layer-4 load balancer for edge fleets - debug symbols of ${of}
The debug information of the binaries in package ${of}, for debuggers and
crash reports, found through their build ids (/usr/lib/debug/.build-id).")
endforeach()

include(CPack)
