#!/usr/bin/env bash
# Lints the CloudFormation template `serverless package` writes, with cfn-lint when it is on the
# PATH: any error fails, warnings are shown (serverless's own generated resources raise W3005).
#
#   infra/ci/lint-template.sh [template.json]
#
# Without a template it packages one first (`--stage ci`, into a temporary folder, about 12 s,
# no AWS credentials). `npm test` runs the same lint from the template test; .ci/run lints the
# template that test left in test-results/, so CI packages once.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is not on the PATH: the template is not linted"
  exit 0
fi

template=${1:-}
if [[ -z $template ]]; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  env -u TABLE_NAME -u BUCKET_NAME SLS_TELEMETRY_DISABLED=1 \
    node node_modules/serverless/bin/serverless.js package --stage ci --package "$dir" >/dev/null
  template=$dir/cloudformation-template-update-stack.json
fi

echo "cfn-lint $(cfn-lint --version | awk '{print $2}') on $template"
# Exits non-zero on errors only; warnings and informational notes are printed.
cfn-lint --non-zero-exit-code error -- "$template"
echo "cfn-lint: no errors"
