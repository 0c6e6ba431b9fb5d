/*
 * YAML data files as template data (for `scorecard render`).
 */
#ifndef SC_VIEW_YAMLDATA_H
#define SC_VIEW_YAMLDATA_H

#include "util/yamltree.h"
#include "tmpl/mustache.h"

struct tmpl_value *yaml_to_data(const struct ynode *);

#endif
