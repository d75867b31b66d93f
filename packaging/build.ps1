# Build the one-folder app (dist\ClaimDesk\) with PyInstaller, then, if Inno Setup is
# installed, the installer (dist\ClaimDesk-setup.exe) from packaging\claimdesk.iss.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 [-Wheel PATH] [-Venv PATH]
#
# The Windows twin of build.sh: ClaimDesk goes into the build venv from the wheel, or from
# the checkout when none is given, never as editable, so PyInstaller collects the package
# with resources\ and forms\ inside it (setup.py).
param(
    [string]$Wheel = "",
    [string]$Venv = "",
    [string]$Dist = ""
)
$ErrorActionPreference = "Stop"
$repo = Split-Path -Parent $PSScriptRoot
if (-not $Venv) { $Venv = Join-Path $repo "build\venv" }
if (-not $Dist) { $Dist = Join-Path $repo "dist" }
$source = if ($Wheel) { $Wheel } else { $repo }

function Invoke-Checked {
    # PowerShell does not stop on a failing program by itself: check every exit code.
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed ($LASTEXITCODE)" }
}

if (-not (Test-Path (Join-Path $Venv "Scripts\python.exe"))) {
    Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv)
}
# setuptools reuses build\lib and never deletes from it: a module removed or moved since
# the last build would still be installed.
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $repo "build\lib"), (Join-Path $repo "build\bdist.*")
$pip = Join-Path $Venv "Scripts\pip.exe"
Invoke-Checked $pip @("install", "-q", "$source[build]")
Invoke-Checked $pip @("install", "-q", "--no-deps", "--force-reinstall", $source)

# From packaging\, with the venv's pyinstaller.exe: `python -m` from the checkout would put
# the source tree's claimdesk\ (which has no resources\ in it) first on sys.path.
Push-Location $PSScriptRoot
try {
    Invoke-Checked (Join-Path $Venv "Scripts\pyinstaller.exe") @(
        "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", $Dist, "--workpath", (Join-Path $repo "build\pyinstaller"), "claimdesk.spec")
} finally {
    Pop-Location
}
$size = (Get-ChildItem -Recurse -File (Join-Path $Dist "ClaimDesk") | Measure-Object -Sum Length).Sum
Write-Host ("one-folder app: {0}\ClaimDesk ({1:N0} MB)" -f $Dist, ($size / 1MB))

$iscc = @(
    (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
    (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
    (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if ($iscc) {
    $version = & (Join-Path $Venv "Scripts\python.exe") -c "import claimdesk; print(claimdesk.__version__)"
    Invoke-Checked $iscc @("/DAppVersion=$version", "/DSourceDir=$Dist\ClaimDesk", "/O$Dist",
                           (Join-Path $PSScriptRoot "claimdesk.iss"))
} else {
    Write-Host "Inno Setup 6 (ISCC.exe) not found: built the folder only, not the installer."
}
