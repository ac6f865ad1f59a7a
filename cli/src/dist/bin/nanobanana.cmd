@echo off
rem The nanobanana command: runs lib\nanobanana.jar with the java on the PATH (or %JAVA_HOME%'s).
set "HERE=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" %JAVA_OPTS% -jar "%HERE%\lib\nanobanana.jar" %*
