#!/usr/bin/env bash
# Set up the nbstripout git filter that .gitattributes names: notebooks are staged without outputs
# or volatile metadata, including the language_info keys JupyterLab rewrites from the running
# kernel. Run from the project root once the .venv exists (the README's setup commands do).
set -euo pipefail
.venv/bin/nbstripout --install --attributes .gitattributes
git config filter.nbstripout.extrakeys "metadata.language_info.codemirror_mode metadata.language_info.file_extension \
metadata.language_info.mimetype metadata.language_info.nbconvert_exporter metadata.language_info.pygments_lexer \
metadata.language_info.version"
