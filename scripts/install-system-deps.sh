#!/usr/bin/env bash
# Debian packages the full test suite needs: Chromium for the browser tests,
# LibreOffice to prove that exported decks and briefings open in office software,
# LibreOffice Calc to read .ods spreadsheets in 'lscb-kb import', poppler-utils (pdfinfo,
# pdftotext, pdftoppm) to check and render the PDFs it makes.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress libreoffice-writer)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if command -v dpkg-query >/dev/null 2>&1; then
  dpkg-query -W -f='${Status}' libreoffice-calc 2>/dev/null | grep -q "ok installed" || missing+=(libreoffice-calc)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Needs Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
echo "Installing Debian packages: ${missing[*]}"
${SUDO:-} apt-get update -qq
DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-liberation >/dev/null
