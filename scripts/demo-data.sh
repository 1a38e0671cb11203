#!/usr/bin/env bash
# Loads demo shipments through the real APIs: 150 per partner (partner-ocs is the sensitive
# one), each moved along by carrier-operations scans to a random point up to delivery.
#   demo-data.sh KEYCLOAK_URL GATEWAY_URL TRACKING_URL [COUNT_PER_PARTNER]
# The tracking numbers are written to .run/demo-tracking-numbers.txt. DEMO-ONLY secrets.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KC=$1 GATEWAY=$2 TRACKING=$3 COUNT=${4:-150}
OUT="$ROOT/.run/demo-tracking-numbers.txt"
mkdir -p "$ROOT/.run" && : > "$OUT"

token() {
  curl -fsS -u "$1:$2" -d grant_type=client_credentials "$KC/realms/trackguard/protocol/openid-connect/token" \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

OPS=$(token carrier-operations demo-only-carrier-operations-secret)
CITIES=("Toronto ON" "Ottawa ON" "Montreal QC" "Quebec QC" "Vancouver BC" "Calgary AB" "Halifax NS" "Winnipeg MB")
POSTAL=("M5H1A1" "K1A0B1" "H2Y1C6" "G1R4P5" "V6B1A1" "T2P1J9" "B3H1W3" "R3C0V8")
NAMES=("Jane Roe" "Amir Haddad" "Marie Tremblay" "Li Wei" "Sam Okafor" "Ana Souza" "Noah Martin" "Ella Singh")
CATEGORIES=("apparel" "books" "electronics" "cannabis" "pharmacy" "groceries")
SCANS=(ACCEPTED IN_TRANSIT OUT_FOR_DELIVERY DELIVERED)

scan() { # number type time city province [signer]
  local body="{\"type\":\"$2\",\"occurredAt\":\"$3\""
  [[ -n "$4" ]] && body+=",\"facility\":{\"city\":\"$4\",\"province\":\"$5\"}"
  [[ -n "${6:-}" ]] && body+=",\"signerName\":\"$6\""
  curl -fsS -o /dev/null -H "Authorization: Bearer $OPS" -H 'Content-Type: application/json' \
    -d "$body}" "$TRACKING/api/v1/shipments/$1/events"
}

log "loading demo data: $COUNT shipments for each of partner-ocs and partner-acme"
for partner in ocs acme; do
  TOKEN=$(token "partner-$partner" "demo-only-partner-$partner-secret")
  for i in $(seq 1 "$COUNT"); do
    c=$((RANDOM % ${#CITIES[@]})); read -r city prov <<<"${CITIES[$c]}"
    cat=${CATEGORIES[$((RANDOM % ${#CATEGORIES[@]}))]}
    [[ $partner == ocs ]] && cat=cannabis
    name=${NAMES[$((RANDOM % ${#NAMES[@]}))]}
    number=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -H "Idempotency-Key: demo-$partner-$i" "$GATEWAY/api/v1/shipments" \
      -d "{\"orderReference\":\"$(echo "$partner" | tr a-z A-Z)-DEMO-$i\",\"recipient\":{\"name\":\"$name\",\"email\":\"demo$i@example.com\"},\"destination\":{\"line1\":\"$i Demo St\",\"city\":\"$city\",\"province\":\"$prov\",\"postalCode\":\"${POSTAL[$c]}\"},\"productCategory\":\"$cat\"}" \
      | field trackingNumber)
    echo "$number" >> "$OUT"
    steps=$((RANDOM % 5))   # 0 = still CREATED ... 4 = DELIVERED
    for s in $(seq 0 $((steps - 1))); do
      at=$(date -u -d "-$(( (4 - s) * 3 )) hours" +%Y-%m-%dT%H:%M:%SZ)
      if [[ ${SCANS[$s]} == DELIVERED ]]; then scan "$number" DELIVERED "$at" "" "" "${name%% *}"
      else scan "$number" "${SCANS[$s]}" "$at" "$city" "$prov"; fi
    done
  done
done
log "demo data loaded: $(wc -l < "$OUT") shipments (numbers in $OUT)"
