import type { ButtonHTMLAttributes } from 'react'
import { cn } from '../lib/cn'

type Variant = 'default' | 'primary' | 'ghost' | 'danger'

const variants: Record<Variant, string> = {
  default: 'bg-zinc-800 hover:bg-zinc-700 text-zinc-100 border border-zinc-700',
  primary: 'bg-sky-600 hover:bg-sky-500 text-white border border-sky-500',
  ghost: 'hover:bg-zinc-800 text-zinc-300 border border-transparent',
  danger: 'bg-red-700 hover:bg-red-600 text-white border border-red-600',
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  size?: 'sm' | 'md'
}

/** The one button. `aria-label` is required when the content is only an icon. */
export function Button({ variant = 'default', size = 'md', className, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={cn(
        'inline-flex shrink-0 items-center justify-center gap-1.5 whitespace-nowrap rounded select-none transition-colors',
        'disabled:opacity-40 disabled:pointer-events-none',
        size === 'sm' ? 'h-7 px-2 text-xs' : 'h-8 px-3 text-sm',
        variants[variant],
        className,
      )}
      {...rest}
    />
  )
}
