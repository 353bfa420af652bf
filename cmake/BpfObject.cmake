# SPDX-License-Identifier: MIT
# shoal_bpf_object(NAME SOURCE): compiles SOURCE (a .bpf.c) with clang -target bpf into
# NAME.bpf.o and generates the libbpf skeleton NAME.skel.h; both stay in the build tree.
# A depfile (clang -MD) makes header edits rebuild the object.
# Defines the INTERFACE target NAME_skel that adds the skeleton's directory to includes.
find_program(BPF_CLANG NAMES clang-14 clang REQUIRED)
find_program(BPFTOOL NAMES bpftool PATHS /usr/sbin /sbin REQUIRED)
execute_process(COMMAND uname -m OUTPUT_VARIABLE SHOAL_UNAME_M OUTPUT_STRIP_TRAILING_WHITESPACE)
if(SHOAL_UNAME_M STREQUAL "x86_64")
  set(SHOAL_BPF_ARCH x86)
elseif(SHOAL_UNAME_M STREQUAL "aarch64")
  set(SHOAL_BPF_ARCH arm64)
else()
  set(SHOAL_BPF_ARCH ${SHOAL_UNAME_M})
endif()

function(shoal_bpf_object NAME SOURCE)
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR})
  set(obj ${out_dir}/${NAME}.bpf.o)
  set(skel ${out_dir}/${NAME}.skel.h)
  set(src ${CMAKE_CURRENT_SOURCE_DIR}/${SOURCE})
  add_custom_command(
    OUTPUT ${obj}
    COMMAND ${BPF_CLANG} -g -O2 -target bpf -D__TARGET_ARCH_${SHOAL_BPF_ARCH}
            -I${CMAKE_CURRENT_SOURCE_DIR} -I/usr/include/${SHOAL_UNAME_M}-linux-gnu
            -Wall -Werror -MD -MF ${obj}.d -c ${src} -o ${obj}
    DEPFILE ${obj}.d
    DEPENDS ${src}
    COMMENT "BPF ${SOURCE}"
    VERBATIM)
  add_custom_command(
    OUTPUT ${skel}
    COMMAND ${BPFTOOL} gen skeleton ${obj} name ${NAME} > ${skel}
    DEPENDS ${obj}
    COMMENT "skeleton ${NAME}.skel.h"
    VERBATIM)
  add_custom_target(${NAME}_bpf ALL DEPENDS ${obj} ${skel})
  add_library(${NAME}_skel INTERFACE)
  add_dependencies(${NAME}_skel ${NAME}_bpf)
  target_include_directories(${NAME}_skel INTERFACE ${out_dir})
  set_property(GLOBAL PROPERTY ${NAME}_OBJECT ${obj})
endfunction()
