#!/usr/bin/env bash
# Installs the Debian packages gavah's tests and demo use, when they are missing.
set -euo pipefail
need=()
command -v file >/dev/null || need+=(file)
ldconfig -p | grep -q libmagic.so.1 || need+=(libmagic1)
# Web app (issue 4): browser tests and screenshots drive Debian's Chromium through
# Playwright (whose own browser download cannot work here); DejaVu covers Arabic script
# in sandboxed previews, which cannot load the app's Vazirmatn font; wrk loads the bench.
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v wrk >/dev/null || need+=(wrk)
# OCR of images and scanned PDF pages: Tesseract with Persian, Arabic and English.
command -v tesseract >/dev/null || need+=(tesseract-ocr)
for lang in eng fas ara; do
  ls /usr/share/tesseract-ocr/*/tessdata/$lang.traineddata >/dev/null 2>&1 \
    || need+=(tesseract-ocr-$lang)
done
# Disclosure reports: WeasyPrint lays out with pango; the tests read the PDF back with
# pdftotext and render it with pdftoppm.
ldconfig -p | grep -q libpangoft2-1.0.so.0 || need+=(libpangoft2-1.0-0)
command -v pdftotext >/dev/null || need+=(poppler-utils)
# PKCS#11 signing (gavah init --pkcs11-module): SoftHSM 2.6 is the token the tests use
# (it has CKM_EDDSA for Ed25519); softhsm2-util makes their tokens.
[ -e /usr/lib/softhsm/libsofthsm2.so ] || need+=(softhsm2)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
