"""Write the WiX source of the Windows MSI for a staged tree of the Windows build.

    python installers/windows/make_wxs.py STAGE VERSION OUT.wxs [UPDATE_ROOT.json]
    (cd STAGE && wixl -a x64 -o korat-desktop-VERSION.msi OUT.wxs)
    msibuild korat-desktop-VERSION.msi -q QUERY    # each line it printed (fixups)

STAGE is the PyInstaller folder (korat-desktop.exe, korat.exe, korat-hub.exe,
_internal/); file sources are relative to it, so wixl runs there. Every GUID is derived (uuid5) from a fixed namespace and a stable name:
the UpgradeCode from the product, each component's from its file's path, the
ProductCode from the version; so two builds of one tree are the same MSI but for the
package code, and a new version is a major upgrade of the old.

Public properties (``msiexec /i korat-desktop.msi /qn HUB_URL=... AGENCY_CODE=...``):
HUB_URL, AGENCY_CODE, AGENCY_NAME, PKCS11_MODULE, LANGUAGE, AUTO_UPDATE (ask, silent,
off: ``update.auto``) are written to
``%ProgramData%\\KoratDesktop\\config.toml`` by deferred custom actions (as SYSTEM)
running ``korat.exe config set --machine KEY VALUE`` (the same code the Debian postinst
uses: comments and an admin's other keys stay; a bad value is written with a warning and
never fails the install, Return="ignore"); NO_DESKTOP_SHORTCUT=1 leaves out the desktop
shortcut.

UPDATE_ROOT.json (``build-msi --update-root``, what ``korat-hub updates init`` writes) is
installed as ``%ProgramData%\\KoratDesktop\\update-root.json``, the trusted TUF root
``korat updates`` starts from (the Debian package's ``/etc/korat-desktop/update-root.json``).
It is permanent, like the machine config: uninstalling leaves the PC's trust as it was.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

__all__ = ["PROPERTIES", "SECURE", "UPDATE_ROOT_COMPONENT", "UPGRADE_CODE", "associations",
           "component_guid", "fixups", "msi_version", "product_code", "wxs"]

NAMESPACE = uuid.UUID("8f6f1d0e-4c1b-5d7e-9a55-6b6f72617431")  # fixed: korat-desktop's MSI
UPGRADE_CODE = str(uuid.uuid5(NAMESPACE, "upgrade-code")).upper()
MANUFACTURER = "Korat Desktop"
PRODUCT = "Korat Desktop"

# property -> machine config key (korat_desktop/config.py)
PROPERTIES = {
    "HUB_URL": "sync.hub_url",
    "AGENCY_CODE": "agency.code",
    "AGENCY_NAME": "agency.name",
    "PKCS11_MODULE": "signing.pkcs11_modules",
    "LANGUAGE": "ui.language",
    "AUTO_UPDATE": "update.auto",
}


# public properties passed from the client to the elevated install: wixl writes its own
# SecureCustomProperties (for MajorUpgrade) and has no Secure=, so build-msi adds these
SECURE = (*PROPERTIES, "NO_DESKTOP_SHORTCUT")


UPDATE_ROOT_COMPONENT = "UpdateRoot"
# what uninstall leaves in place (msidbComponentAttributes 64-bit 0x100 | Permanent 0x10):
# the PC's update trust stays like its machine config
PERMANENT_ATTRIBUTES = 0x100 | 0x10


def component_guid(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "component:" + name)).upper()


def product_code(version: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "product:" + version)).upper()


def _id(prefix: str, rel: str) -> str:
    """A WiX identifier (72 chars, [A-Za-z0-9_.]) that is stable for ``rel``."""
    digest = uuid.uuid5(NAMESPACE, rel).hex[:20]
    return f"{prefix}_{digest}"


def msi_version(version: str) -> str:
    """MSI ProductVersion: three numbers (0.1.0+rebuild1 -> 0.1.0)."""
    parts = [p for p in version.replace("+", ".").replace("-", ".").split(".")]
    nums = [p for p in parts if p.isdigit()][:3]
    return ".".join(nums + ["0"] * (3 - len(nums)))


def _tree(stage: Path, folder: Path, indent: str, out: list[str]) -> None:
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        rel = entry.relative_to(stage).as_posix()
        if entry.is_dir():
            out.append(f'{indent}<Directory Id="{_id("d", rel)}" Name={quoteattr(entry.name)}>')
            _tree(stage, entry, indent + "  ", out)
            out.append(f"{indent}</Directory>")
        elif entry.is_file() and not entry.is_symlink():
            file_id = {"korat-desktop.exe": "KoratDesktopExe", "korat.exe": "KoratExe",
                       "korat-hub.exe": "KoratHubExe"}.get(rel, _id("f", rel))
            out.append(f'{indent}<Component Id="{_id("c", rel)}" Guid="{component_guid(rel)}"'
                       f' Win64="yes">')
            out.append(f'{indent}  <File Id="{file_id}" Name={quoteattr(entry.name)}'
                       f' Source={quoteattr(rel)} KeyPath="yes"/>')
            out.append(f"{indent}</Component>")


def _components(lines: list[str]) -> list[str]:
    return [line.split('Id="', 1)[1].split('"', 1)[0] for line in lines
            if line.lstrip().startswith("<Component ")]


def _registry_component(cid: str, key: str, values: list[tuple[str, str]],
                        indent: str, condition: str | None = None) -> list[str]:
    out = [f'{indent}<Component Id="{cid}" Guid="{component_guid(cid)}" Win64="yes">']
    if condition:
        out.append(f"{indent}  <Condition>{condition}</Condition>")
    out.append(f'{indent}  <RegistryKey Root="HKLM" Key={quoteattr(key)}>')
    for i, (name, value) in enumerate(values):
        keypath = ' KeyPath="yes"' if i == 0 else ""
        name_attr = f" Name={quoteattr(name)}" if name else ""
        out.append(f'{indent}    <RegistryValue Type="string"{name_attr}'
                   f' Value={quoteattr(value)}{keypath}/>')
    out.append(f"{indent}  </RegistryKey>")
    out.append(f"{indent}</Component>")
    return out


def associations(exe: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The file associations as (id, HKLM key, [(value name, value)]), shared with the
    NSIS installer (make_nsi.py): *.korat is ours, PDFs get "open with Korat Desktop".
    ``exe`` is the installer's own way to name the installed korat-desktop.exe."""
    classes = "Software\\Classes\\"
    return [
        ("RegBundleType", classes + ".korat",
         [("", "KoratDesktop.CourierBundle"),
          ("Content Type", "application/vnd.korat.courier-bundle")]),
        ("RegBundleProgId", classes + "KoratDesktop.CourierBundle\\shell\\open\\command",
         [("", f'{exe} "%1"')]),
        ("RegPdfProgId", classes + "KoratDesktop.PDF\\shell\\open\\command",
         [("", f'{exe} "%1"')]),
        ("RegPdfOpenWith", classes + ".pdf\\OpenWithProgids", [("KoratDesktop.PDF", "")]),
    ]


def _shortcut(folder: str, name: str) -> str:
    """One shortcut to korat-desktop.exe in ``folder``, keyed by an HKLM value."""
    return f"""      <Directory Id="{folder}">
        <Component Id="{name}Shortcut" Guid="{component_guid(name + 'Shortcut')}" Win64="yes">
          <Shortcut Id="{name}Korat" Name="{PRODUCT}" Description="งานสารบรรณ"
                    Target="[INSTALLDIR]korat-desktop.exe" WorkingDirectory="INSTALLDIR"/>
          <RegistryValue Root="HKLM" Key="Software\\KoratDesktop" Name="{name}Shortcut"
                         Type="integer" Value="1" KeyPath="yes"/>
        </Component>
      </Directory>"""


def _machine_files(stage: Path, update_root: Path | None) -> tuple[str, list[str]]:
    """The ProgramData folder (the machine config's, korat_desktop/config.py) with the
    trusted update root in it, and its component; nothing without a root. wixl takes
    sources relative to the folder it runs in (the stage), and has no Permanent=: a
    fixup sets that attribute after it."""
    if update_root is None:
        return "", []
    source = quoteattr(os.path.relpath(update_root.resolve(), stage))
    cid = UPDATE_ROOT_COMPONENT
    return f"""      <Directory Id="CommonAppDataFolder">
        <Directory Id="MACHINEDIR" Name="KoratDesktop">
          <Component Id="{cid}" Guid="{component_guid(cid)}" Win64="yes">
            <File Id="UpdateRootJson" Name="update-root.json" Source={source} KeyPath="yes"/>
          </Component>
        </Directory>
      </Directory>""", [cid]


def fixups(update_root: Path | None) -> list[str]:
    """The msibuild queries build-msi runs on wixl's MSI for what wixl cannot write: the
    public properties made secure (no Secure=), the update root permanent (no
    Permanent=)."""
    secure = ";".join(("WIX_DOWNGRADE_DETECTED", "WIX_UPGRADE_DETECTED", *SECURE))
    queries = [f"UPDATE `Property` SET `Value` = '{secure}'"
               " WHERE `Property` = 'SecureCustomProperties'"]
    if update_root is not None:
        queries.append(f"UPDATE `Component` SET `Attributes` = {PERMANENT_ATTRIBUTES}"
                       f" WHERE `Component` = '{UPDATE_ROOT_COMPONENT}'")
    return queries


def wxs(stage: Path, version: str, update_root: Path | None = None) -> str:
    stage = stage.resolve()
    machine_dir, machine_components = _machine_files(stage, update_root)
    files: list[str] = []
    _tree(stage, stage, "          ", files)
    extra: list[str] = []
    for cid, key, values in associations('"[INSTALLDIR]korat-desktop.exe"'):
        extra += _registry_component(cid, key, values, "          ")
    extra += _registry_component("RegSettings", "Software\\KoratDesktop",
                                 [("InstallDir", "[INSTALLDIR]")], "          ")
    components = _components(files) + _components(extra) + machine_components

    # (the public properties are made secure after wixl, see SECURE and build-msi)
    actions, sequence = [], []
    # explicit numbers: between InstallFiles (4000) and InstallFinalize (6600), where a
    # deferred action must be (wixl's Before= misplaces several actions on one anchor)
    for number, (prop, key) in enumerate(PROPERTIES.items(), start=6501):
        aid = "SetMachine_" + prop
        command = ('--data-dir "[TempFolder]KoratDesktopSetup" config set --machine '
                   f'{key} "[{prop}]"')
        actions.append(
            f'    <CustomAction Id="{aid}" FileKey="KoratExe" Execute="deferred"'
            f' Impersonate="no" Return="ignore"'
            f" ExeCommand={quoteattr(command)}/>")
        sequence.append(f'      <Custom Action="{aid}" Sequence="{number}">'
                        f'{prop} AND NOT REMOVE~="ALL"</Custom>')
    refs = "\n".join(f'      <ComponentRef Id="{c}"/>' for c in components)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by installers/windows/make_wxs.py; do not edit. -->
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="{product_code(version)}" Name="{PRODUCT}" Language="1033" Codepage="65001"
           Version="{msi_version(version)}" Manufacturer="{MANUFACTURER}"
           UpgradeCode="{UPGRADE_CODE}">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"
             Description="{PRODUCT} {version}" Comments="Official correspondence for Thai government offices"/>
    <Media Id="1" Cabinet="korat.cab" EmbedCab="yes"/>
    <MajorUpgrade DowngradeErrorMessage="A newer version of {PRODUCT} is already installed."/>
    <Property Id="ARPNOMODIFY" Value="1"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLDIR" Name="{PRODUCT}">
{chr(10).join(files)}
{chr(10).join(extra)}
        </Directory>
      </Directory>
{_shortcut('ProgramMenuFolder', 'StartMenu')}
{_shortcut('DesktopFolder', 'Desktop')}
{machine_dir}
    </Directory>
    <Feature Id="Main" Title="{PRODUCT}" Level="1">
{refs}
      <ComponentRef Id="StartMenuShortcut"/>
    </Feature>
    <!-- NO_DESKTOP_SHORTCUT=1 lowers INSTALLLEVEL below this feature's level (wixl has
         no feature or component conditions) -->
    <Feature Id="DesktopShortcut" Title="Desktop shortcut" Level="50">
      <ComponentRef Id="DesktopShortcut"/>
    </Feature>
    <Property Id="INSTALLLEVEL" Value="100"/>
    <CustomAction Id="NoDesktopShortcut" Property="INSTALLLEVEL" Value="10"/>
{chr(10).join(actions)}
    <InstallUISequence>
      <Custom Action="NoDesktopShortcut" Before="CostFinalize">NO_DESKTOP_SHORTCUT</Custom>
    </InstallUISequence>
    <InstallExecuteSequence>
      <Custom Action="NoDesktopShortcut" Before="CostFinalize">NO_DESKTOP_SHORTCUT</Custom>
{chr(10).join(sequence)}
    </InstallExecuteSequence>
  </Product>
</Wix>
"""


def main(argv: list[str]) -> int:
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    stage, version, out = Path(argv[0]), argv[1], Path(argv[2])
    update_root = Path(argv[3]) if len(argv) == 4 else None
    out.write_text(wxs(stage, version, update_root), encoding="utf-8")
    print("\n".join(fixups(update_root)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
