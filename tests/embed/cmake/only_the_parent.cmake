# Included by each of the parent's modules: they are the parent's, and a
# subproject that picks one up by name (through CMAKE_MODULE_PATH) fails here.
if(NOT PROJECT_NAME STREQUAL "actfast_embedder")
  message(FATAL_ERROR "project ${PROJECT_NAME} included the parent's ${CMAKE_PARENT_LIST_FILE}")
endif()
