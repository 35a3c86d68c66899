#!/usr/bin/env bash
# Writes project.json, tsconfig.json and jest.config.js for a new Nx project.
# usage: tools/scaffold-project.sh <dir> <nx-name> <tags comma-separated>
set -euo pipefail
dir=$1 name=$2 tags=$3
mkdir -p "$dir/src"
rel=$(realpath --relative-to="$dir" .)
tags_json=$(printf '%s' "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')
[ -f "$dir/project.json" ] || cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "$rel/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": [$tags_json],
  "targets": {
    "lint": { "executor": "nx:run-commands", "options": { "command": "eslint $dir" } },
    "typecheck": { "executor": "nx:run-commands", "options": { "command": "tsc -p $dir/tsconfig.json" } },
    "test": { "executor": "nx:run-commands", "options": { "command": "jest -c $dir/jest.config.js" } }
  }
}
JSON
[ -f "$dir/tsconfig.json" ] || cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "include": ["src/**/*.ts", "test/**/*.ts", "*.ts"]
}
JSON
[ -f "$dir/jest.config.js" ] || cat > "$dir/jest.config.js" <<JS
module.exports = {
  ...require('$rel/jest.preset.js'),
  displayName: '$name',
  rootDir: __dirname,
};
JS
