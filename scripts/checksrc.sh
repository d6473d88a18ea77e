#!/usr/bin/env bash
# Fails when C sources use functions banned by STYLE.md item 7. A line may opt
# out with a trailing "checksrc: allow" comment and a reason.
set -u
status=0
for dir in "$@"; do
  [ -d "$dir" ] || continue
  hits=$(grep -rnE --include='*.c' --include='*.h' \
    '(^|[^_[:alnum:]])(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|atoll|sscanf|gets)[[:space:]]*\(' "$dir" \
    | grep -v 'checksrc: allow')
  if [ -n "$hits" ]; then
    echo "checksrc: banned functions (use snprintf, rp_buf, strtol...):" >&2
    echo "$hits" >&2
    status=1
  fi
  # strncpy is allowed only when the line says how it is checked.
  hits=$(grep -rnE --include='*.c' --include='*.h' '(^|[^_[:alnum:]])strncpy[[:space:]]*\(' "$dir" | grep -v 'checksrc: allow')
  if [ -n "$hits" ]; then
    echo "checksrc: unchecked strncpy:" >&2
    echo "$hits" >&2
    status=1
  fi
done
exit $status
