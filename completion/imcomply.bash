# bash completion for acct, qlog, audit, purge and county (imcomply), installed as
# share/bash-completion/completions/{acct,qlog,audit,purge,county}.
#
# The programs say themselves what completes, read off their own option setup:
# `PROG __complete WORD…` prints "words" or "paths", then the completions of the last WORD,
# one a line: subcommands, flags, the values of enumerated flags, and the logins of the roster
# of the database that --db (else $IMCOMPLY_DB, the config) names. It prints nothing more, and
# no error, when there is no database.
_imcomply_complete() {
  local program=$1 cur=${COMP_WORDS[COMP_CWORD]}
  local -a reply
  mapfile -t reply < <("$program" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
  COMPREPLY=()
  if [ "${reply[0]-}" = paths ]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  elif [ "${reply[0]-}" = words ]; then
    COMPREPLY=("${reply[@]:1}")
  fi
}
complete -F _imcomply_complete acct qlog audit purge county
