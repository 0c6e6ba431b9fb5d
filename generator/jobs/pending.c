/*
 * Subcommands whose jobs are not built yet say so here and exit 70
 * (EX_SOFTWARE).  None is left: casebook is jobs/casebook.c.
 */
