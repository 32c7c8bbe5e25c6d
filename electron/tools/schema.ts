// The tool shapes live in shared/ (the IPC contract carries them); main imports them from here.
export * from '../../shared/tools';
