"""Names PowerShell resolves at run time, as on a default Windows PowerShell 5.1 install.

Obfuscators spell iex from characters of automatic variables ($ShellId[1]+$ShellId[13]+'x')
and from wildcards (gcm i*x, gv '*mdr*'); these tables let the names peeler check such a
spelling against every value the variable commonly has.
"""

from __future__ import annotations

AUTOMATIC: dict[str, tuple[str, ...]] = {
    "env:comspec": ("C:\\WINDOWS\\system32\\cmd.exe", "C:\\Windows\\system32\\cmd.exe"),
    "shellid": ("Microsoft.PowerShell",),
    "pshome": ("C:\\Windows\\System32\\WindowsPowerShell\\v1.0",),
    "env:public": ("C:\\Users\\Public",),
    "verbosepreference": ("SilentlyContinue",),
}

# Variables present in every session, for `Get-Variable <wildcard>` to match against.
_VARIABLE_WORDS = """
    $ ? ^ _ args ConfirmPreference ConsoleFileName DebugPreference Error ErrorActionPreference
    ErrorView ExecutionContext false FormatEnumerationLimit HOME Host InformationPreference
    input MaximumAliasCount MaximumDriveCount MaximumErrorCount MaximumFunctionCount
    MaximumHistoryCount MaximumVariableCount MyInvocation NestedPromptLevel null OutputEncoding
    PID PROFILE ProgressPreference PSBoundParameters PSCommandPath PSCulture
    PSDefaultParameterValues PSEmailServer PSHOME PSScriptRoot PSSessionApplicationName
    PSSessionConfigurationName PSSessionOption PSUICulture PSVersionTable PWD ShellId
    StackTrace true VerbosePreference WarningPreference WhatIfPreference
"""
VARIABLES: tuple[str, ...] = tuple(_VARIABLE_WORDS.split())

# Commands and aliases of a default session, for `Get-Command <wildcard>` to match against;
# a wildcard resolves to Invoke-Expression only when nothing else here matches it.
_COMMAND_WORDS = """
    % ? ac Add-Content Add-Member Add-Type asnp cat cd chdir clc Clear-Content Clear-Host
    Clear-Item Clear-Variable cli clv cls Compare-Object compare Compress-Archive
    ConvertFrom-Json ConvertFrom-SecureString ConvertTo-Json ConvertTo-SecureString
    Convert-Path copy Copy-Item cp cpi cvpa del diff dir echo Enter-PSSession erase etsn
    Exit-PSSession Expand-Archive Export-Alias Export-Clixml Export-Csv fc fl foreach
    ForEach-Object Format-Custom Format-List Format-Table Format-Wide ft fw gal gc gci gcm
    gcs gdr Get-Acl Get-Alias Get-ChildItem Get-CimInstance Get-Command Get-Content
    Get-Credential Get-Date Get-ExecutionPolicy Get-FileHash Get-Help Get-History Get-Host
    Get-Item Get-ItemProperty Get-Job Get-Location Get-Member Get-Module Get-Process
    Get-PSDrive Get-Random Get-Service Get-Unique Get-Variable Get-WmiObject ghy gi gjb gl gm
    gmo gp gps group Group-Object gsv gu gv gwmi h history icm iex ihy ii Import-Alias
    Import-Clixml Import-Csv Import-Module Import-PSSession Install-Module Invoke-CimMethod
    Invoke-Command Invoke-Expression Invoke-History Invoke-Item Invoke-RestMethod
    Invoke-WebRequest Invoke-WmiMethod ipal ipcsv ipmo ipsn irm iwr Join-Path kill lp ls man
    md measure Measure-Command Measure-Object mi mkdir mount move Move-Item mv nal ndr
    New-Alias New-Item New-ItemProperty New-Object New-PSDrive New-PSSession
    New-Variable ni nmo nsn nv ogv oh Out-File Out-GridView Out-Host Out-Null Out-String
    popd Pop-Location ps pushd Push-Location pwd r rcjb rd rdr Read-Host Receive-Job
    Register-ScheduledTask ren Remove-Item Remove-ItemProperty Remove-PSDrive
    Remove-Variable Rename-Item Resolve-Path ri rjb rm rmdir rni rp Restart-Computer
    Restart-Service rv rvpa sajb sal saps sasv sc select Select-Object Select-String
    Send-MailMessage Set-Acl Set-Alias Set-Content Set-Date Set-ExecutionPolicy Set-Item
    Set-ItemProperty Set-Location Set-MpPreference Set-Variable si sl sleep sls sort
    Sort-Object sp Split-Path spps spsv start Start-BitsTransfer Start-Job Start-Process
    Start-Service Start-Sleep Stop-Computer Stop-Process Stop-Service sv tee Tee-Object
    Test-Connection Test-Path type Unblock-File Update-Help Wait-Job where Where-Object
    wjb Write-Debug Write-Error Write-Host Write-Output Write-Verbose Write-Warning
"""
COMMANDS: tuple[str, ...] = tuple(_COMMAND_WORDS.split())
