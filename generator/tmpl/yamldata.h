/*
 * YAML data files as template data (for `scorecard render --data` and the
 * Mustache fuzz target).  It builds template values and nothing else, so
 * it lives with the template engine.
 */
#ifndef SC_TMPL_YAMLDATA_H
#define SC_TMPL_YAMLDATA_H

#include "util/yamltree.h"
#include "tmpl/mustache.h"

struct tmpl_value *yaml_to_data(const struct ynode *);

#endif
