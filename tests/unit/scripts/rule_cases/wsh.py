"""Examples for the `WSH-` rules; every text is synthetic, written for these tests."""

from __future__ import annotations

from wingman.core.scripts.types import Lang

VBS = Lang.VBSCRIPT
JS = Lang.JAVASCRIPT
BAT = Lang.BATCH

# (rule id, language of the layer, text that must fire the rule)
POSITIVE: tuple[tuple[str, Lang, str], ...] = (
    # worms and viruses
    ("WSH-001", VBS, 'fso.CopyFile WScript.ScriptFullName, "C:\\Windows\\update.vbs"'),
    ("WSH-001", JS, 'fso.CopyFile(WScript.ScriptFullName, dir + "\\\\a.js");'),
    ("WSH-001", BAT, 'WshShell.Run "cmd /c copy /y " & WScript.ScriptFullName & " x.vbs"'),
    ("WSH-002", VBS, 'Set me = fso.GetFile(WScript.ScriptFullName)\nme.Copy target & "\\a.vbs"'),
    (
        "WSH-003",
        VBS,
        "Set f = fso.OpenTextFile(WScript.ScriptFullName, 1)\nbody = f.ReadAll\nf.Close",
    ),
    (
        "WSH-004",
        VBS,
        "body = fso.OpenTextFile(WScript.ScriptFullName, 1).ReadAll\n"
        "For Each f In fso.GetFolder(p).Files\n"
        '  If LCase(fso.GetExtensionName(f.Path)) = "vbs" Then\n'
        "    Set t = fso.OpenTextFile(f.Path, 2): t.Write body: t.Close\n"
        "  End If\nNext",
    ),
    (
        "WSH-005",
        VBS,
        'Set s = fso.CreateTextFile("C:\\mirc\\script.ini", True)\n'
        's.WriteLine "[script]"\ns.WriteLine "n0=on 1:JOIN:#:{ /dcc send $nick c:\\a.vbs }"',
    ),
    ("WSH-006", VBS, 'fso.CopyFile src, "C:\\Program Files\\Kazaa\\My Shared Folder\\game.vbs"'),
    (
        "WSH-007",
        VBS,
        'Set ol = CreateObject("Outlook.Application")\n'
        'Set ns = ol.GetNameSpace("MAPI")\n'
        "For Each e In ns.AddressLists(1).AddressEntries\n"
        "  Set m = ol.CreateItem(0): m.Recipients.Add e.Address: m.Send\nNext",
    ),
    ("WSH-008", VBS, "msg.Attachments.Add WScript.ScriptFullName\nmsg.Send"),
    (
        "WSH-009",
        VBS,
        "For Each d In fso.Drives\n"
        '  If d.DriveType = 3 Then fso.CopyFile WScript.ScriptFullName, d.Path & "\\x.vbs"\n'
        "Next",
    ),
    (
        "WSH-010",
        VBS,
        'fso.CopyFile WScript.ScriptFullName, sys & "\\svc.vbs"\n'
        'sh.RegWrite "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\svc", '
        'sys & "\\svc.vbs"',
    ),
    (
        "WSH-045",
        VBS,
        'sh.RegWrite "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd", '
        '"wscript.exe " & WScript.ScriptFullName',
    ),
    ("WSH-011", VBS, "Options.VirusProtection = False\nOptions.SaveNormalPrompt = False"),
    (
        "WSH-011",
        VBS,
        'sh.RegWrite "HKCU\\Software\\Microsoft\\Office\\9.0\\Word\\Security\\Level", 1, '
        '"REG_DWORD"',
    ),
    (
        "WSH-012",
        VBS,
        "Set cm = NormalTemplate.VBProject.VBComponents(1).CodeModule\ncm.InsertLines 1, code",
    ),
    (
        "WSH-013",
        VBS,
        'sh.RegWrite "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\'
        'DisableRegistryTools", 1, "REG_DWORD"',
    ),
    (
        "WSH-014",
        VBS,
        'sh.RegWrite "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer\\'
        'NoRun", 1, "REG_DWORD"',
    ),
    (
        "WSH-015",
        VBS,
        'Set h = fso.CreateTextFile("C:\\Windows\\System32\\drivers\\etc\\hosts", True)',
    ),
    ("WSH-016", VBS, 'fso.DeleteFile "C:\\Windows\\System32\\*.*", True'),
    ("WSH-016", VBS, 'fso.DeleteFile fso.GetSpecialFolder(1) & "\\*.dll", True'),
    ("WSH-017", VBS, "For Each f In folder.Files\n  f.Delete True\nNext"),
    (
        "WSH-018",
        VBS,
        'sh.RegWrite "HKCU\\Software\\Microsoft\\Internet Explorer\\Main\\Start Page", url',
    ),
    ("WSH-019", VBS, 'sh.Run "taskkill /f /im avp.exe", 0'),
    (
        "WSH-019",
        VBS,
        "For Each p In wmi.ExecQuery(\"Select * From Win32_Process Where Name = 'nod32krn.exe'\")",
    ),
    # droppers and downloaders
    (
        "WSH-020",
        JS,
        'var x = new ActiveXObject("MSXML2.XMLHTTP"); x.open("GET", u, false); x.send();\n'
        "s.Write(x.ResponseBody); s.SaveToFile(p, 2);\nsh.Run(p, 0);",
    ),
    (
        "WSH-021",
        JS,
        'var h = WScript.CreateObject("MSXML2.XMLHTTP"); h.open("GET", u, false); h.send();\n'
        "var code = h.responseText; eval(code);",
    ),
    (
        "WSH-022",
        VBS,
        'Set o = fso.CreateTextFile("c:\\a.exe", True)\no.Write "MZ" & Chr(144) & Chr(0)',
    ),
    (
        "WSH-022",
        VBS,
        'data = "4D5A90000300000004000000FFFF0000"\nSet o = fso.CreateTextFile(p, True)',
    ),
    (
        "WSH-023",
        JS,
        'var p = sh.ExpandEnvironmentStrings("%TEMP%") + "\\\\svc.exe";\n'
        "s.SaveToFile(p, 2);\nsh.Run(p);",
    ),
    ("WSH-024", JS, 'for (var i = 0; i < u.length; i++) { x.open("GET", u[i], false); }'),
    ("WSH-025", JS, "if (b[0] != 77 || b[1] != 90) continue;"),
    (
        "WSH-026",
        VBS,
        '<script language="VBScript">\nSet fso = CreateObject("Scripting.FileSystemObject")',
    ),
    (
        "WSH-027",
        VBS,
        'Y.Code = "com.ms.activeX.ActiveXComponent"\nY.SetClsId("{00000000-0000-0000-0000}")',
    ),
    ("WSH-027", VBS, '<param name="Command" value="ShortCut"><param name="Item1" value=",a.exe">'),
    (
        "WSH-028",
        JS,
        'if (WScript.Path.charAt(WScript.Path.length - 1) != "2") WScript.Quit(0);',
    ),
    (
        "WSH-028",
        JS,
        'var se = sh.Environment("SYSTEM");\nif (se("OS") != "Windows_NT") WScript.Quit(0);',
    ),
    (
        "WSH-035",
        VBS,
        'Set s = CreateObject("ADODB.Stream")\ns.SaveToFile p, 2\nsh.Run p, 0',
    ),
    (
        "WSH-036",
        VBS,
        'Set f = fso.CreateTextFile("c:\\x.exe", True)\n'
        'For i = 1 To n: f.Write(Chr(b(i))): Next\nsh.Run "c:\\x.exe"',
    ),
    ("WSH-037", VBS, 'bin = "4d,5a,90,0,3,0,0,0,4,0,0,0,ff,ff,0,0"'),
    (
        "WSH-038",
        VBS,
        'st.SaveToFile "c:\\windows\\system32\\notepad.exe", 2',
    ),
    (
        "WSH-041",
        VBS,
        'Set f = fso.CreateTextFile("C:\\svc.vbs", True)\n'
        'sh.RegWrite "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\svc", '
        '"C:\\svc.vbs"',
    ),
    (
        "WSH-040",
        VBS,
        'Set ie = CreateObject("InternetExplorer.Application")\nie.Visible = False\n'
        "ie.Navigate url\nExecute ie.Document.Body.InnerText",
    ),
    # obfuscation
    ("WSH-029", JS, 'eval(decode("7a2f1c"));'),
    ("WSH-029", VBS, 'Execute Decrypt("Xq2hZ")'),
    ("WSH-030", JS, "function run(code){eval(code)}"),
    ("WSH-031", JS, "for (i = 0; i < 128; i++) { table[i] = String.fromCharCode(i) }"),
    (
        "WSH-032",
        VBS,
        'For i = 1 To Len(s) Step 2: o = o & Chr(CInt("&H" & Mid(s, i, 2))): Next\nExecute o',
    ),
    (
        "WSH-032",
        VBS,
        "For i = 1 To Len(s): o = o & Chr(Asc(Mid(s, i, 1)) Xor 7): Next\nExecuteGlobal o",
    ),
    (
        "WSH-032",
        JS,
        "o += String.fromCharCode(s.charCodeAt(i) ^ 5);\neval(o);",
    ),
    ("WSH-033", JS, "var x = this.WScript; var a = this.ActiveXObject;"),
    ("WSH-034", JS, 'var sh = new ActiveXObject("WScript.Shell");'),
    (
        "WSH-039",
        VBS,
        'Set r = CreateObject("ADODB.Recordset")\nr.Fields.Append "m", 205, n\n'
        'b = r("m").GetChunk(n)\ns.SaveToFile "c:\\a.vbs", 2',
    ),
    (
        "WSH-042",
        JS,
        "function c(a,b,d){n=parseInt(a,b);return n.toString(d);}\nfunction r(x){eval(x)}",
    ),
    (
        "WSH-043",
        JS,
        "(function(a,b){while(!![]){try{var c=-parseInt(d(0x1))/1;if(c===b)break;"
        "else a['push'](a['shift']());}catch(e){a['push'](a['shift']());}}}(f,0x1));",
    ),
    ("WSH-044", JS, "var q = new Array(" + '"Ab","Cde",' * 110 + '"Fg");'),
    ("WSH-044", JS, 'var s = "' + "Ab-Cde-" * 110 + 'Fg".split("-");'),
)

# (language, text) that no rule may judge suspicious
BENIGN: tuple[tuple[Lang, str], ...] = (
    # Admin scripts use the same objects all day: the file system, the shell, the registry.
    (
        VBS,
        'Set fso = CreateObject("Scripting.FileSystemObject")\n'
        'Set sh = CreateObject("WScript.Shell")\n'
        "here = fso.GetParentFolderName(WScript.ScriptFullName)\n"
        'Set log = fso.OpenTextFile(here & "\\run.log", 8, True)\n'
        'log.WriteLine Now & " backup started"\n'
        'sh.Run "robocopy C:\\Data \\\\nas\\backup /MIR", 0, True',
    ),
    (
        VBS,
        "Set me = fso.GetFile(WScript.ScriptFullName)\n"
        'WScript.Echo "Running from " & me.ParentFolder.Path',
    ),
    (
        VBS,
        'sh.RegWrite "HKCU\\Software\\Contoso\\Settings\\Theme", "dark", "REG_SZ"\n'
        'sh.RegWrite "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Agent", '
        '"""C:\\Program Files\\Contoso\\agent.exe"""',
    ),
    (
        VBS,
        'For Each f In fso.GetFolder("C:\\Logs").Files\n'
        '  If DateDiff("d", f.DateLastModified, Now) > 30 Then f.Delete True\nNext',
    ),
    (
        VBS,
        'Set ol = CreateObject("Outlook.Application")\nSet m = ol.CreateItem(0)\n'
        'm.To = "ops@example.com": m.Subject = "Nightly report"\n'
        'm.Attachments.Add "C:\\Reports\\nightly.csv"\nm.Send',
    ),
    (
        VBS,
        'Set wmi = GetObject("winmgmts:\\\\.\\root\\cimv2")\n'
        "For Each p In wmi.ExecQuery(\"Select * From Win32_Process Where Name = 'notepad.exe'\")\n"
        "  p.Terminate()\nNext",
    ),
    (
        JS,
        'var sh = WScript.CreateObject("WScript.Shell");\n'
        'var env = sh.Environment("PROCESS");\nWScript.Echo(env("PATH"));',
    ),
    (
        JS,
        "function toBase(n, from, to) { return parseInt(n, from).toString(to); }\n"
        'console.log(toBase("ff", 16, 2));',
    ),
    (
        JS,
        'const codes = ["AF", "AX", "AL", "DZ", "AS", "AD", "AO", "AI", "AQ", "AG"];\n'
        "const alphabet = 'abcdefghijklmnopqrstuvwxyz'.split('');",
    ),
    (
        VBS,
        'Set http = CreateObject("MSXML2.XMLHTTP")\nhttp.Open "GET", api, False\nhttp.Send\n'
        "WScript.Echo http.responseText",
    ),
    (
        VBS,
        'Set net = CreateObject("WScript.Network")\n'
        'net.MapNetworkDrive "H:", "\\\\files\\home\\" & net.UserName\n'
        'fso.CopyFile "\\\\files\\netlogon\\agent.exe", "C:\\Tools\\agent.exe", True\n'
        'sh.Run "C:\\Tools\\agent.exe /silent", 0, False\n'
        'For Each f In fso.GetFolder(sh.ExpandEnvironmentStrings("%TEMP%")).Files\n'
        '  If DateDiff("d", f.DateLastModified, Now) > 7 Then f.Delete True\nNext',
    ),
    (
        VBS,
        'Set h = fso.OpenTextFile("C:\\Windows\\System32\\drivers\\etc\\hosts", 8, True)\n'
        'h.WriteLine "10.0.0.5  intranet.example.local"',
    ),
    (
        VBS,
        "For Each c In ActiveWorkbook.VBProject.VBComponents\n"
        '  c.Export "C:\\src\\" & c.Name & ".bas"\nNext',
    ),
    (
        VBS,
        'For Each f In fso.GetFolder("D:\\site").Files\n'
        '  If LCase(fso.GetExtensionName(f.Name)) = "htm" Then\n'
        "    body = fso.OpenTextFile(f.Path, 1).ReadAll\n"
        '    fso.OpenTextFile(f.Path, 2).Write Replace(body, "2023", "2024")\n'
        "  End If\nNext",
    ),
    (
        VBS,
        'logPath = fso.GetParentFolderName(WScript.ScriptFullName) & "\\disks.log"\n'
        "Set log = fso.CreateTextFile(logPath, True)\n"
        "For Each d In fso.Drives\n"
        '  If d.IsReady Then log.WriteLine d.DriveLetter & " " & d.FreeSpace\nNext',
    ),
)
